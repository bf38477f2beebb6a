// Generated from runner.yaml by wslua-codegen — do not edit.
// The `zlib` Lua module: typed values, the trait the host implements, and the
// registration that checks Lua arguments and converts them.
//
// Compresses and decompresses the zlib format (RFC 1950: DEFLATE with a header and a
// checksum), with the behaviour of Defold's `zlib` module.

// The conversions it calls are the crate wslua-glue-support (glue-support/), named `__wslua`
// here so that no name api.yaml gives can collide with it.
use wslua_glue_support as __wslua;

/// The `zlib` module, one method per Lua function. The host implements it; a function
/// added to api.yaml is a compile error until it does.
pub trait ZlibApi: 'static {
    /// Compresses the bytes into the zlib format.
    /// - `buf`: The data to compress.
    ///
    /// Returns `buf`: The compressed data.
    ///
    /// Compress a save before sending it.
    /// ```lua
    /// local packed = zlib.deflate(string.rep("level data ", 100))
    /// ```
    fn deflate(&self, lua: &mlua::Lua, buf: Vec<u8>) -> mlua::Result<mlua::LuaString>;
    /// Decompresses zlib data. Data that is not zlib (or is cut short) is an error, and so is output over 256 MiB (a compression bomb), without holding it.
    /// - `buf`: The compressed data.
    ///
    /// Returns `buf`: The decompressed data.
    ///
    /// Round trip.
    /// ```lua
    /// assert(zlib.inflate(zlib.deflate("hello")) == "hello")
    /// ```
    fn inflate(&self, lua: &mlua::Lua, buf: Vec<u8>) -> mlua::Result<mlua::LuaString>;
}

/// Builds the `zlib` table: constants, and every function checking its arguments
/// before calling `api`.
pub fn register<A: ZlibApi>(lua: &mlua::Lua, api: A) -> mlua::Result<mlua::Table> {
    let api = std::rc::Rc::new(api);
    let module = lua.create_table()?;
    let __wslua_api = api.clone();
    let deflate = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("deflate");
            let buf = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::bytes_on_stack, __wslua::read_bytes)?
            };
            let result = __wslua_api.deflate(lua, buf).map_err(|e| __wslua::in_function("deflate", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("deflate", __wslua::raising(lua, deflate)?)?;
    let __wslua_api = api.clone();
    let inflate = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("inflate");
            let buf = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::bytes_on_stack, __wslua::read_bytes)?
            };
            let result = __wslua_api.inflate(lua, buf).map_err(|e| __wslua::in_function("inflate", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("inflate", __wslua::raising(lua, inflate)?)?;
    Ok(module)
}
