-- The wslua fan-out server of the benchmarks: clients that connect to /send are senders; every
-- message a sender sends goes to every other client, with websocket.broadcast (`broadcast`, the
-- default) or with a loop of websocket.send (`loop`, what a script without broadcast writes).
-- Prints its port.
--   wslua bench/peers/fanout.lua -- broadcast|loop
local websocket = require "websocket"
local mode = arg[1] or "broadcast"
local receivers, index = {}, {}

local port = websocket.listen(0, 20000, 10, function(_, conn, data)
  if data.event == websocket.EVENT_CONNECTED and data.request_resource ~= "/send" then
    receivers[#receivers + 1] = conn
    index[conn] = #receivers
  elseif data.event == websocket.EVENT_MESSAGE then
    local options = { type = data.type }
    if mode == "broadcast" then
      websocket.broadcast(receivers, data.message, options)
    else
      for _, receiver in ipairs(receivers) do
        websocket.send(receiver, data.message, options)
      end
    end
  elseif data.event == websocket.EVENT_DISCONNECTED and index[conn] then
    -- Swap the last one into its place: the array stays a sequence.
    local at, last = index[conn], receivers[#receivers]
    receivers[at], index[last], index[conn] = last, at, nil
    receivers[#receivers] = nil
  end
end)
print(port)
io.stdout:flush()
