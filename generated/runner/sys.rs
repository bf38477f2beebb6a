// Generated from runner.yaml by wslua-codegen — do not edit.
// The `sys` Lua module: typed values, the trait the host implements, and the
// registration that checks Lua arguments and converts them.
//
// Ending the script and reading `game.project`, with the behaviour of Defold's `sys` module.

// The conversions it calls are the crate wslua-glue-support (glue-support/), named `__wslua`
// here so that no name api.yaml gives can collide with it.
use wslua_glue_support as __wslua;

/// The `sys` module, one method per Lua function. The host implements it; a function
/// added to api.yaml is a compile error until it does.
pub trait SysApi: 'static {
    /// Ends the script at the end of the current frame: `finalize(self)` runs, queued messages are written, every connection is closed with 1001, and the runner exits with `code`. No callback runs after `finalize`, so those closes bring no `EVENT_DISCONNECTED`, as in Defold.
    /// - `code`: The exit status.
    ///
    /// Stop with an error status.
    /// ```lua
    /// sys.exit(1)
    /// ```
    fn exit(&self, lua: &mlua::Lua, code: i64) -> mlua::Result<()>;
    /// Reads a value of `game.project` (the runner's `--config FILE`, or `./game.project`), named `section.key`, as text.
    /// - `key`: The setting, as `section.key` (e.g. `websocket.debug`).
    /// - `default`: What to return when the file has no such setting.
    ///
    /// Returns `value`: The setting's text, or `default` (`nil` when none is given).
    ///
    /// Read a setting of the script's own section.
    /// ```lua
    /// -- game.project: [chat] server = ws://127.0.0.1:8080/
    /// local url = sys.get_config("chat.server", "ws://127.0.0.1:8080/")
    /// ```
    fn get_config(&self, lua: &mlua::Lua, key: String, default: Option<String>) -> mlua::Result<Option<String>>;
}

/// Builds the `sys` table: constants, and every function checking its arguments
/// before calling `api`.
pub fn register<A: SysApi>(lua: &mlua::Lua, api: A) -> mlua::Result<mlua::Table> {
    let api = std::rc::Rc::new(api);
    let module = lua.create_table()?;
    let __wslua_api = api.clone();
    let exit = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("exit");
            let code = {
                let (arg, at) = __wslua_args.next_arg();
                arg.optional(&at, __wslua::not_on_stack, |value, at: &__wslua::At| {
                    __wslua::read_integer(value, at)
                        .and_then(|v| __wslua::in_range(v, Some(0), Some(255)).map_err(|e| at.error(e)))
                })?
                .unwrap_or(0)
            };
            let result = __wslua_api.exit(lua, code).map_err(|e| __wslua::in_function("exit", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("exit", __wslua::raising(lua, exit)?)?;
    let __wslua_api = api.clone();
    let get_config = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("get_config");
            let key = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::string_on_stack, __wslua::read_string)?
            };
            let default = {
                let (arg, at) = __wslua_args.next_arg();
                arg.optional(&at, __wslua::string_on_stack, __wslua::read_string)?
            };
            let result = __wslua_api.get_config(lua, key, default).map_err(|e| __wslua::in_function("get_config", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("get_config", __wslua::raising(lua, get_config)?)?;
    Ok(module)
}
