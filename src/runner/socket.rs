//! The global `socket`: LuaSocket when it is installed for the runner's Lua (Defold bundles
//! it), else a clock-only stand-in whose other fields say what to install.

use super::glue::socket::SocketApi;
use super::Runner;
use mlua::{Lua, Table, Value};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// LuaSocket's `socket`, or the stand-in.
pub fn global(lua: &Lua, runner: &Runner) -> mlua::Result<Table> {
    let require: mlua::Function = lua.globals().get("require")?;
    if let Ok(Value::Table(luasocket)) = require.call::<Value>("socket") {
        return Ok(luasocket);
    }
    let socket = super::glue::socket::register(lua, runner.clone())?;
    super::missing_fields(
        lua,
        &socket,
        "socket",
        "LuaSocket is not installed for the runner's Lua: apt-get install lua-socket, or luarocks install luasocket",
    )?;
    Ok(socket)
}

impl SocketApi for Runner {
    fn gettime(&self, _: &Lua) -> mlua::Result<f64> {
        Ok(SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_secs_f64())
    }

    fn sleep(&self, _: &Lua, time: f64) -> mlua::Result<()> {
        // The glue has checked it is 0 to a day.
        std::thread::sleep(Duration::try_from_secs_f64(time).unwrap_or_default());
        Ok(())
    }
}
