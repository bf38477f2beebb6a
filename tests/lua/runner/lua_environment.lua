-- The runner as a Lua environment, everything at once: C modules from Debian's folders
-- (lua-cjson, lua-lpeg), a Lua and a C module from a LuaRocks tree (on LUA_PATH / LUA_CPATH as
-- `luarocks path` sets them), the debug library, and Defold's globals: json, pprint, timer and
-- sys.get_config (the test passes a game.project with [test] greeting = hello).
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

-- Defold's json and the C cjson agree on what they both can say.
local message = { persons = { { name = "John Doe" }, { name = "Darth Vader" } } }
assert(json.encode(message) == cjson.encode(message), "json.encode and cjson.encode")
assert(json.decode(cjson.encode(message)).persons[2].name == "Darth Vader", "json.decode of cjson's text")

-- Defold's documented examples, printed for the test to compare with the documentation.
local data = json.decode('{"persons":[{"name":"John Doe"},{"name":"Darth Vader"}]}')
pprint(data)
pprint(json.encode(message))

-- Bad input: errors that name what is wrong.
local function err(f, ...)
  local ok, e = pcall(f, ...)
  assert(not ok, "no error")
  return tostring(e)
end
assert(err(json.decode, '{"a": [1, 2,]}'):find("line 1 column 13", 1, true), "json.decode names the position")
local cycle = {}
cycle.again = cycle
assert(err(json.encode, cycle):find("a table that contains itself (at key 'again')", 1, true), "a cycle")
assert(err(json.encode, { f = print }):find("a function (at key 'f')", 1, true), "a function")
assert(err(json.encode, { [true] = 1 }):find("a key of type boolean", 1, true), "a boolean key")
assert(err(timer.delay, -1, false, print):find("bad argument #1 to 'delay' (must be from 0 to 86400, got -1)", 1, true))
assert(err(timer.delay, 0 / 0, false, print):find("bad argument #1 to 'delay'", 1, true))
assert(err(require, "no_such_module"):find("module 'no_such_module' not found", 1, true), "require's own message")

assert(sys.get_config("test.greeting") == "hello", "sys.get_config")
assert(sys.get_config("test.missing", "fallback") == "fallback", "sys.get_config's default")
assert(sys.get_config("test.missing") == nil, "sys.get_config without a default")

-- Timers: a repeating one cancelled on its third tick, a one-shot, and the order they fire in.
local fired = {}
local ticks = 0
timer.delay(0.02, true, function(_, handle, elapsed)
  ticks = ticks + 1
  assert(elapsed >= 0.015, "time_elapsed is the time since the last tick")
  fired[#fired + 1] = "tick"
  if ticks == 3 then
    assert(timer.cancel(handle), "cancel stops a running timer")
    assert(not timer.cancel(handle), "and only once")
    assert(table.concat(fired, ",") == "once,tick,tick,tick", table.concat(fired, ","))
    print("ok lua_environment")
  end
end)
timer.delay(0.01, false, function() fired[#fired + 1] = "once" end)
assert(timer.cancel(timer.INVALID_TIMER_HANDLE) == false, "the invalid handle")
