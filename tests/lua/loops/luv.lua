-- websocket.event_fd() in a luv (libuv) loop: a uv poll handle calls websocket.update(0) when
-- events are pending, beside a uv timer of the loop's own. 2,000 echoes through the loop, 5 s
-- of idle, then the same echoes pumped by websocket.update(1) for comparison.
package.path = ((arg[0] or ""):match("(.*/)") or "./") .. "../lib/?.lua;" .. package.path
local websocket = require "websocket"
---@diagnostic disable-next-line: unresolved-require -- Debian's lua-luv, which has no LuaLS stub
local uv = require "luv"
local echo = require "echo_through"
local COUNT = echo.COUNT
local clock = function() return uv.hrtime() / 1e9 end

local poll = uv.new_poll(websocket.event_fd())
poll:start("r", function() websocket.update(0) end)
local ticks = 0
local ticker = uv.new_timer()
ticker:start(5, 5, function() ticks = ticks + 1 end)

local through_fd, idle_cpu
echo.start(websocket, COUNT, clock, function(per_trip, finish)
  through_fd = per_trip
  ticker:stop()
  local cpu = os.clock()
  local idle = uv.new_timer()
  idle:start(5000, 0, function()
    idle_cpu = (os.clock() - cpu) / 5
    idle:close()
    finish(function()
      ticker:close()
      poll:close()
    end)
  end)
end)
uv.run()

echo.report("luv", idle_cpu, through_fd, echo.with_update(websocket, COUNT, clock), ticks)
print("ok luv")
