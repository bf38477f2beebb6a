-- The runner as a Lua environment: C modules from Debian's folders (lua-cjson, lua-lpeg), a Lua
-- and a C module from a LuaRocks tree (on LUA_PATH / LUA_CPATH as `luarocks path` sets them),
-- and the debug library, as under the stock lua5.4.
---@diagnostic disable: unresolved-require -- these modules have no LuaLS stubs
local cjson = require "cjson"
local lpeg = require "lpeg"
local greeting = require "greeting"
local greeting_c = require "greeting_c"

assert(cjson.encode({ 1, 2, 3 }) == "[1,2,3]", "cjson.encode")
assert(cjson.decode('{"a":[true,null]}').a[1] == true, "cjson.decode")
assert(lpeg.match(lpeg.C(lpeg.R("az") ^ 1), "wslua54") == "wslua", "lpeg.match")
assert(greeting.hello("runner") == "hello from Lua, runner", "a Lua module of the rock")
assert(greeting_c.hello("runner") == "hello from C, runner", "a C module of the rock")
assert(type(debug.traceback) == "function", "the debug library")
print("ok lua_environment")
