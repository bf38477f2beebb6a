-- websocket.event_fd() in a loop on LuaSocket's socket.select, which takes any object with a
-- getfd method: websocket.update(0) when the descriptor is readable, and a tick of the loop's own
-- every 5 ms from select's timeout. 2,000 echoes through the loop, 5 s of idle, then the same
-- echoes pumped by websocket.update(1) for comparison.
package.path = ((arg[0] or ""):match("(.*/)") or "./") .. "../lib/?.lua;" .. package.path
local websocket = require "websocket"
-- Debian's lua-socket (the runner's stub of `socket` lets its fields be read).
local socket = require "socket"
local echo = require "echo_through"
local COUNT = echo.COUNT
local clock = socket.gettime

local fd = websocket.event_fd()
local events = { getfd = function() return fd end, dirty = function() return false end }
local through_fd, closed
--- Closes both ends once the echoes are done (echo_through.start gives it).
local finish = function(_) end
local ticks, next_tick = 0, clock() + 0.005

echo.start(websocket, COUNT, clock, function(per_trip, finishing)
  through_fd, finish = per_trip, finishing
end)
while not through_fd do
  local readable = socket.select({ events }, nil, math.max(0, next_tick - clock()))
  if readable[1] then websocket.update(0) end
  if clock() >= next_tick then
    ticks, next_tick = ticks + 1, next_tick + 0.005
  end
end
local cpu, idle_until = os.clock(), clock() + 5
repeat
  local readable = socket.select({ events }, nil, math.max(0, idle_until - clock()))
  if readable[1] then websocket.update(0) end
until clock() >= idle_until
local idle_cpu = (os.clock() - cpu) / 5
finish(function() closed = true end)
while not closed do
  if socket.select({ events }, nil, 5)[1] then websocket.update(0) end
end

echo.report("select", idle_cpu, through_fd, echo.with_update(websocket, COUNT, clock), ticks)
print("ok select")
