-- `luarocks make` in this folder builds websocket.so with cargo for the interpreter LuaRocks
-- targets (Lua 5.1 to 5.4, or LuaJIT: `luarocks --lua-version 5.1 make LUA=luajit
-- LUA_INCDIR=/usr/include/luajit-2.1`) and installs it with the LuaLS stub.
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
      stop_listening, events to callback(self, connection, data)) for stock Lua 5.1, 5.2, 5.3,
      5.4 and LuaJIT. Needs Rust's cargo to build.
   ]],
   license = "MIT",
}
dependencies = {
   "lua >= 5.1",
}
build = {
   type = "command",
   -- The interpreter LuaRocks targets tells which build it needs: LuaJIT's when it has the
   -- `jit` global, else its Lua version's (5.1 to 5.4). For LuaJIT, name it: LUA=luajit.
   build_command = [[
      scripts/build-module.sh "$("$(LUA)" -e 'io.write(jit and "luajit" or ("lua" .. _VERSION:match("%d+%.%d+")))')" target/rock
   ]],
   install = {
      lib = { websocket = "target/rock/websocket.so" },
   },
   copy_directories = { "generated/lua" },
}
