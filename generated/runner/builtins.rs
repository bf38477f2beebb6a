// Generated from runner.yaml by wslua-codegen — do not edit.
// The `builtins` Lua module: typed values, the trait the host implements, and the
// registration that checks Lua arguments and converts them.
//
// Functions Defold scripts call without a module.

// The conversions it calls are the crate wslua-glue-support (glue-support/), named `__wslua`
// here so that no name api.yaml gives can collide with it.
use wslua_glue_support as __wslua;

/// The `builtins` module, one method per Lua function. The host implements it; a function
/// added to api.yaml is a compile error until it does.
pub trait BuiltinsApi: 'static {
    /// Prints its arguments on one line each, tables in full, nested tables indented, the way Defold's `pprint` does; a table met again (a cycle) is not printed twice.
    /// - `values`: The values to print.
    ///
    /// Print a decoded message.
    /// ```lua
    /// pprint(json.decode('{"name":"John Doe","tags":["a","b"]}'))
    /// ```
    fn pprint(&self, lua: &mlua::Lua, values: mlua::MultiValue) -> mlua::Result<()>;
}

/// Builds the `builtins` table: constants, and every function checking its arguments
/// before calling `api`.
pub fn register<A: BuiltinsApi>(lua: &mlua::Lua, api: A) -> mlua::Result<mlua::Table> {
    let api = std::rc::Rc::new(api);
    let module = lua.create_table()?;
    let __wslua_api = api.clone();
    let pprint = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("pprint");
            let values = { __wslua_args.rest()? };
            let result = __wslua_api.pprint(lua, values).map_err(|e| __wslua::in_function("pprint", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("pprint", __wslua::raising(lua, pprint)?)?;
    Ok(module)
}
