-- websocket.event_fd() in a cqueues loop: a coroutine waits on the descriptor with
-- cqueues.poll and calls websocket.update(0), beside a coroutine of the loop's own that ticks
-- with cqueues.sleep. 2,000 echoes through the loop, 5 s of idle, then the same echoes pumped by
-- websocket.update(1) for comparison.
package.path = ((arg[0] or ""):match("(.*/)") or "./") .. "../lib/?.lua;" .. package.path
local websocket = require "websocket"
---@diagnostic disable-next-line: unresolved-require -- Debian's lua-cqueues, which has no LuaLS stub
local cqueues = require "cqueues"
local echo = require "echo_through"
local COUNT = echo.COUNT
local clock = cqueues.monotime

local fd = websocket.event_fd()
local events = { pollfd = function() return fd end, events = function() return "r" end }
local through_fd, idle_cpu, closed
--- Closes both ends once the echoes are done (echo_through.start gives it).
local finish = function(_) end
local ticks = 0

local loop = cqueues.new()
loop:wrap(function()
  while not closed do
    cqueues.poll(events)
    websocket.update(0)
  end
end)
loop:wrap(function()
  while not through_fd do
    ticks = ticks + 1
    cqueues.sleep(0.005)
  end
  local cpu = os.clock()
  cqueues.sleep(5)
  idle_cpu = (os.clock() - cpu) / 5
  finish(function() closed = true end)
end)
echo.start(websocket, COUNT, clock, function(per_trip, finishing)
  through_fd, finish = per_trip, finishing
end)
assert(loop:loop())

echo.report("cqueues", idle_cpu, through_fd, echo.with_update(websocket, COUNT, clock), ticks)
print("ok cqueues")
