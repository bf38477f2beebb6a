-- 10,000 listen/stop_listening cycles leave Lua's memory as it was: a stopped server's callback
-- is let go.
local websocket = require "websocket"

local function cycles(n)
  for _ = 1, n do
    websocket.listen(0, 1, 1, function() end)
    websocket.stop_listening()
  end
end

local function memory()
  collectgarbage()
  collectgarbage()
  return collectgarbage("count")
end

cycles(10) -- the first calls allocate what every later one reuses
local before = memory()
cycles(10000)
local after = memory()
assert(after <= before * 1.1, string.format("Lua memory grew from %.0f KiB to %.0f KiB", before, after))
print(string.format("ok listen_stop_cycles (%.0f KiB before, %.0f KiB after)", before, after))
