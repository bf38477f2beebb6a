//! `crypt` (digests, Base64) and `zlib` as Defold's, on RustCrypto's hashes, data-encoding and
//! flate2.

use super::glue::crypt::CryptApi;
use super::glue::zlib::ZlibApi;
use super::Runner;
use mlua::{Lua, LuaString};
use sha2::Digest;
use std::io::Read;

/// The most `zlib.inflate` gives back: more is a compression bomb, refused without holding it.
const MAX_INFLATED: u64 = 256 << 20;

fn digest<D: Digest>(lua: &Lua, buffer: &[u8]) -> mlua::Result<LuaString> {
    lua.create_string(D::digest(buffer))
}

impl CryptApi for Runner {
    fn hash_sha1(&self, lua: &Lua, buffer: Vec<u8>) -> mlua::Result<LuaString> {
        digest::<sha1::Sha1>(lua, &buffer)
    }

    fn hash_sha256(&self, lua: &Lua, buffer: Vec<u8>) -> mlua::Result<LuaString> {
        digest::<sha2::Sha256>(lua, &buffer)
    }

    fn hash_sha512(&self, lua: &Lua, buffer: Vec<u8>) -> mlua::Result<LuaString> {
        digest::<sha2::Sha512>(lua, &buffer)
    }

    fn hash_md5(&self, lua: &Lua, buffer: Vec<u8>) -> mlua::Result<LuaString> {
        digest::<md5::Md5>(lua, &buffer)
    }

    fn encode_base64(&self, _: &Lua, input: Vec<u8>) -> mlua::Result<String> {
        Ok(data_encoding::BASE64.encode(&input))
    }

    fn decode_base64(&self, lua: &Lua, input: String) -> mlua::Result<LuaString> {
        // Padding is optional: what is missing of it is added.
        let trimmed = input.trim_end_matches('=');
        let padded = format!("{trimmed}{}", "=".repeat((4 - trimmed.len() % 4) % 4));
        let bytes = data_encoding::BASE64
            .decode(padded.as_bytes())
            .map_err(|e| mlua::Error::RuntimeError(format!("not Base64: {e}")))?;
        lua.create_string(bytes)
    }
}

impl ZlibApi for Runner {
    fn deflate(&self, lua: &Lua, buf: Vec<u8>) -> mlua::Result<LuaString> {
        let mut packed = Vec::new();
        flate2::read::ZlibEncoder::new(buf.as_slice(), flate2::Compression::default())
            .read_to_end(&mut packed)
            .map_err(|e| mlua::Error::RuntimeError(e.to_string()))?;
        lua.create_string(packed)
    }

    fn inflate(&self, lua: &Lua, buf: Vec<u8>) -> mlua::Result<LuaString> {
        let mut unpacked = Vec::new();
        let mut decoder = flate2::read::ZlibDecoder::new(buf.as_slice()).take(MAX_INFLATED + 1);
        decoder.read_to_end(&mut unpacked).map_err(|e| mlua::Error::RuntimeError(format!("not zlib data: {e}")))?;
        if unpacked.len() as u64 > MAX_INFLATED {
            return Err(mlua::Error::RuntimeError(format!(
                "the data inflates to more than {} MiB",
                MAX_INFLATED >> 20
            )));
        }
        lua.create_string(unpacked)
    }
}
