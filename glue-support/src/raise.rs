//! How a module function's error reaches Lua: raised as a plain string at the caller's
//! position, as `luaL_error` raises it, with no frame of glue in the traceback.

use mlua::state::RawLua;
use mlua::{IntoLuaMulti, Lua};
use std::os::raw::c_int;

/// Wraps `raw`, a function that returns `ok, result...`, into a C function that returns
/// `result...` or raises `result` as a plain string error at its caller's position, as
/// `luaL_error` would: Lua code sees a string, and tracebacks show the binding as
/// `[C]: in function 'websocket.send'`, with no frame of glue.
pub fn raising(lua: &Lua, raw: mlua::Function) -> mlua::Result<mlua::Function> {
    // SAFETY: pushes one C closure over the function given as the only argument.
    unsafe { lua.exec_raw(raw, |state| mlua::ffi::lua_pushcclosure(state, raise, 1)) }
}

/// The body of [`raising`]'s closures. It holds no Rust value, so `lua_error` may jump
/// over its frame, as over any C function's.
unsafe extern "C-unwind" fn raise(state: *mut mlua::ffi::lua_State) -> std::os::raw::c_int {
    use mlua::ffi;
    let args = ffi::lua_gettop(state);
    ffi::lua_pushvalue(state, ffi::lua_upvalueindex(1));
    ffi::lua_insert(state, 1);
    ffi::lua_call(state, args, ffi::LUA_MULTRET);
    if ffi::lua_toboolean(state, 1) != 0 {
        ffi::lua_remove(state, 1);
        return ffi::lua_gettop(state);
    }
    ffi::luaL_where(state, 1);
    ffi::lua_pushvalue(state, 2);
    ffi::lua_concat(state, 2);
    ffi::lua_error(state)
}

/// A host function's error as Lua sees it: its message after the function's name
/// (`send: connection is not connected`). Errors of other kinds (a Lua error from a callback
/// it ran, say) carry their own words and pass as they are.
pub fn in_function(function: &str, err: mlua::Error) -> mlua::Error {
    match err {
        mlua::Error::RuntimeError(message) => mlua::Error::RuntimeError(format!("{function}: {message}")),
        other => other,
    }
}

/// A function's result as `ok, result...` for [`raising`]: the error as its plain message.
pub fn protect<R: IntoLuaMulti>(result: mlua::Result<R>) -> Protected<R> {
    match result {
        Ok(values) => Protected::Ok(values),
        Err(err) => Protected::Err(message(&err)),
    }
}

/// What [`protect`] returns: pushed onto Lua's stack as it is, where a `MultiValue` would
/// first be collected (an allocation per call).
pub enum Protected<R> {
    Ok(R),
    Err(String),
}

impl<R: IntoLuaMulti> IntoLuaMulti for Protected<R> {
    fn into_lua_multi(self, lua: &Lua) -> mlua::Result<mlua::MultiValue> {
        match self {
            Protected::Ok(values) => (true, values).into_lua_multi(lua),
            Protected::Err(message) => (false, message).into_lua_multi(lua),
        }
    }

    unsafe fn push_into_stack_multi(self, lua: &RawLua) -> mlua::Result<c_int> {
        match self {
            Protected::Ok(values) => (true, values).push_into_stack_multi(lua),
            Protected::Err(message) => (false, message).push_into_stack_multi(lua),
        }
    }
}

pub(crate) fn message(err: &mlua::Error) -> String {
    match err {
        mlua::Error::RuntimeError(message) => message.clone(),
        mlua::Error::CallbackError { cause, .. } => message(cause),
        other => other.to_string(),
    }
}
