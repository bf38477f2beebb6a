//! `require "websocket"` from a stock Lua 5.4 or LuaJIT: `luaopen_websocket`.

#[mlua::lua_module]
fn websocket(lua: &mlua::Lua) -> mlua::Result<mlua::Table> {
    wslua::module(lua)
}
