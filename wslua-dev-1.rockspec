-- `luarocks make` in this folder builds websocket.so with cargo for the interpreter LuaRocks
-- targets (Lua 5.4, or LuaJIT with --lua-version 5.1) and installs it with the LuaLS stub.
rockspec_format = "3.0"
package = "wslua"
version = "dev-1"
source = {
   url = "git+file://."
}
description = {
   summary = "Websockets for Lua: Defold's websocket API on a Rust engine",
   detailed = [[
      The websocket module of Defold's extension-websocket (connect, send, disconnect, listen,
      stop_listening, events to callback(self, connection, data)) for stock Lua 5.4 and
      LuaJIT. Needs Rust's cargo to build.
   ]],
   license = "MIT",
}
dependencies = {
   "lua >= 5.1",
}
build = {
   type = "command",
   -- The interpreter's version tells which build it needs: Lua 5.4's, or for 5.1 LuaJIT's (a
   -- tree for --lua-version 5.1 is for luajit; plain Lua 5.1 is not supported).
   build_command = [[
      scripts/build-module.sh "$("$(LUA)" -e 'io.write(({["Lua 5.4"] = "lua5.4", ["Lua 5.1"] = "luajit"})[_VERSION] or _VERSION)')" target/rock
   ]],
   install = {
      lib = { websocket = "target/rock/websocket.so" },
   },
   copy_directories = { "generated/lua" },
}
