// Generated from runner.yaml by wslua-codegen — do not edit.
// The `socket` Lua module: typed values, the trait the host implements, and the
// registration that checks Lua arguments and converts them.
//
// Defold bundles LuaSocket as the global `socket`. When LuaSocket is installed for the
// runner's Lua (Debian's `lua-socket`, or the `luasocket` rock on the runner's module paths),
// the runner's global `socket` is LuaSocket itself. Without it, `socket.gettime` and
// `socket.sleep` still work, and any other field raises an error naming the package to
// install.

// The conversions it calls are the crate wslua-glue-support (glue-support/), named `__wslua`
// here so that no name api.yaml gives can collide with it.
use wslua_glue_support as __wslua;

/// The `socket` module, one method per Lua function. The host implements it; a function
/// added to api.yaml is a compile error until it does.
pub trait SocketApi: 'static {
    /// The time, in seconds since the Unix epoch, with a fraction.
    ///
    /// Returns `time`: The time now.
    ///
    /// Measure a round trip.
    /// ```lua
    /// local started = socket.gettime()
    /// -- ... later:
    /// print(string.format("%.1f ms", (socket.gettime() - started) * 1000))
    /// ```
    fn gettime(&self, lua: &mlua::Lua) -> mlua::Result<f64>;
    /// Blocks the Lua thread for a while: no callback runs meanwhile (use `timer.delay` to wait without blocking).
    /// - `time`: How long.
    ///
    /// A short pause in a plain script.
    /// ```lua
    /// socket.sleep(0.1)
    /// ```
    fn sleep(&self, lua: &mlua::Lua, time: f64) -> mlua::Result<()>;
}

/// Builds the `socket` table: constants, and every function checking its arguments
/// before calling `api`.
pub fn register<A: SocketApi>(lua: &mlua::Lua, api: A) -> mlua::Result<mlua::Table> {
    let api = std::rc::Rc::new(api);
    let module = lua.create_table()?;
    let __wslua_api = api.clone();
    let gettime = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("gettime");
            let result = __wslua_api.gettime(lua).map_err(|e| __wslua::in_function("gettime", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("gettime", __wslua::raising(lua, gettime)?)?;
    let __wslua_api = api.clone();
    let sleep = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("sleep");
            let time = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::not_on_stack, |value, at: &__wslua::At| {
                    __wslua::read_number(value, at)
                        .and_then(|v| __wslua::in_range(v, Some(0.0), Some(86400.0)).map_err(|e| at.error(e)))
                })?
            };
            let result = __wslua_api.sleep(lua, time).map_err(|e| __wslua::in_function("sleep", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("sleep", __wslua::raising(lua, sleep)?)?;
    Ok(module)
}
