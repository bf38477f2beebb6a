// Generated from runner.yaml by wslua-codegen — do not edit.
// The `crypt` Lua module: typed values, the trait the host implements, and the
// registration that checks Lua arguments and converts them.
//
// Digests and Base64 with the behaviour of Defold's `crypt` module: hashes are returned as raw
// bytes (not hex).

// The conversions it calls are the crate wslua-glue-support (glue-support/), named `__wslua`
// here so that no name api.yaml gives can collide with it.
use wslua_glue_support as __wslua;

/// The `crypt` module, one method per Lua function. The host implements it; a function
/// added to api.yaml is a compile error until it does.
pub trait CryptApi: 'static {
    /// The SHA-1 digest of the bytes.
    /// - `buffer`: The data to hash.
    ///
    /// Returns `hash`: 20 bytes.
    ///
    /// Hex of a digest.
    /// ```lua
    /// local hex = crypt.hash_sha1("abc"):gsub(".", function(c) return string.format("%02x", c:byte()) end)
    /// ```
    fn hash_sha1(&self, lua: &mlua::Lua, buffer: Vec<u8>) -> mlua::Result<mlua::LuaString>;
    /// The SHA-256 digest of the bytes.
    /// - `buffer`: The data to hash.
    ///
    /// Returns `hash`: 32 bytes.
    ///
    /// Sign a message's body the way a server expects.
    /// ```lua
    /// local digest = crypt.hash_sha256("payload")
    /// ```
    fn hash_sha256(&self, lua: &mlua::Lua, buffer: Vec<u8>) -> mlua::Result<mlua::LuaString>;
    /// The SHA-512 digest of the bytes.
    /// - `buffer`: The data to hash.
    ///
    /// Returns `hash`: 64 bytes.
    ///
    /// A long digest.
    /// ```lua
    /// local digest = crypt.hash_sha512("payload")
    /// ```
    fn hash_sha512(&self, lua: &mlua::Lua, buffer: Vec<u8>) -> mlua::Result<mlua::LuaString>;
    /// The MD5 digest of the bytes (for checksums, not for security).
    /// - `buffer`: The data to hash.
    ///
    /// Returns `hash`: 16 bytes.
    ///
    /// A download's checksum.
    /// ```lua
    /// local sum = crypt.hash_md5("file contents")
    /// ```
    fn hash_md5(&self, lua: &mlua::Lua, buffer: Vec<u8>) -> mlua::Result<mlua::LuaString>;
    /// The bytes in Base64 (RFC 4648, with `=` padding).
    /// - `input`: The data to encode.
    ///
    /// Returns `output`: The Base64 text.
    ///
    /// Basic authentication.
    /// ```lua
    /// local header = "Basic " .. crypt.encode_base64("user:password")
    /// ```
    fn encode_base64(&self, lua: &mlua::Lua, input: Vec<u8>) -> mlua::Result<String>;
    /// Bytes from Base64 (RFC 4648, `=` padding optional). Text that is not Base64 is an error naming where it goes wrong.
    /// - `input`: The Base64 text.
    ///
    /// Returns `output`: The decoded bytes.
    ///
    /// Read a token's payload.
    /// ```lua
    /// local bytes = crypt.decode_base64("aGVsbG8=") -- "hello"
    /// ```
    fn decode_base64(&self, lua: &mlua::Lua, input: String) -> mlua::Result<mlua::LuaString>;
}

/// Builds the `crypt` table: constants, and every function checking its arguments
/// before calling `api`.
pub fn register<A: CryptApi>(lua: &mlua::Lua, api: A) -> mlua::Result<mlua::Table> {
    let api = std::rc::Rc::new(api);
    let module = lua.create_table()?;
    let __wslua_api = api.clone();
    let hash_sha1 = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("hash_sha1");
            let buffer = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::bytes_on_stack, __wslua::read_bytes)?
            };
            let result = __wslua_api.hash_sha1(lua, buffer).map_err(|e| __wslua::in_function("hash_sha1", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("hash_sha1", __wslua::raising(lua, hash_sha1)?)?;
    let __wslua_api = api.clone();
    let hash_sha256 = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("hash_sha256");
            let buffer = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::bytes_on_stack, __wslua::read_bytes)?
            };
            let result = __wslua_api.hash_sha256(lua, buffer).map_err(|e| __wslua::in_function("hash_sha256", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("hash_sha256", __wslua::raising(lua, hash_sha256)?)?;
    let __wslua_api = api.clone();
    let hash_sha512 = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("hash_sha512");
            let buffer = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::bytes_on_stack, __wslua::read_bytes)?
            };
            let result = __wslua_api.hash_sha512(lua, buffer).map_err(|e| __wslua::in_function("hash_sha512", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("hash_sha512", __wslua::raising(lua, hash_sha512)?)?;
    let __wslua_api = api.clone();
    let hash_md5 = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("hash_md5");
            let buffer = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::bytes_on_stack, __wslua::read_bytes)?
            };
            let result = __wslua_api.hash_md5(lua, buffer).map_err(|e| __wslua::in_function("hash_md5", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("hash_md5", __wslua::raising(lua, hash_md5)?)?;
    let __wslua_api = api.clone();
    let encode_base64 = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("encode_base64");
            let input = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::bytes_on_stack, __wslua::read_bytes)?
            };
            let result = __wslua_api.encode_base64(lua, input).map_err(|e| __wslua::in_function("encode_base64", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("encode_base64", __wslua::raising(lua, encode_base64)?)?;
    let __wslua_api = api.clone();
    let decode_base64 = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("decode_base64");
            let input = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::string_on_stack, __wslua::read_string)?
            };
            let result = __wslua_api.decode_base64(lua, input).map_err(|e| __wslua::in_function("decode_base64", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("decode_base64", __wslua::raising(lua, decode_base64)?)?;
    Ok(module)
}
