-- A rock for the tests: one Lua module and one C module, built by LuaRocks itself (no download),
-- to show that a LuaRocks tree's modules load in the wslua runner.
rockspec_format = "3.0"
package = "greeting"
version = "1.0-1"
source = { url = "git+file://." }
description = { summary = "wslua's test rock", license = "MIT" }
dependencies = { "lua >= 5.1" }
build = {
   type = "builtin",
   modules = {
      greeting = "greeting.lua",
      greeting_c = "greeting_c.c",
   },
}
