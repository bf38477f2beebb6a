-- Channels within one process, in each interpreter: connections and a Lua function subscribe,
-- publish reaches each once (framed once, counted), unsubscribing and disconnecting leave the
-- channel, and without a broker the status is "off".
package.path = ((arg[0] or ""):match("(.*/)") or "./") .. "lib/?.lua;" .. package.path
local websocket = require "websocket"
local check = require "check"

local accepted, received, clients, ended = {}, {}, {}, {}
local port = websocket.listen(0, 8, 5, function(_, conn, data)
  if data.event == websocket.EVENT_CONNECTED then
    accepted[#accepted + 1] = conn
    websocket.subscribe(conn, "room")
    websocket.subscribe(conn, "room") -- twice is once
  end
end)
for i = 1, 3 do
  received[i] = {}
  clients[i] = websocket.connect("ws://127.0.0.1:" .. port .. "/", nil, function(_, _, data)
    if data.event == websocket.EVENT_MESSAGE then
      table.insert(received[i], data.message)
      check.eq(data.type, websocket.DATA_TYPE_TEXT, "the type published")
    elseif data.event == websocket.EVENT_DISCONNECTED then
      ended[i] = true
    end
  end)
end
check.run_until(function() return #accepted == 3 end)

local heard = {}
local function listener(_, channel, message, kind)
  heard[#heard + 1] = channel .. ":" .. message .. ":" .. kind
end
websocket.subscribe(listener, "room")
check.eq(websocket.publish("room", "one", { type = websocket.DATA_TYPE_TEXT }), 3, "queued on three")
check.eq(websocket.publish("elsewhere", "nobody"), 0, "a channel nobody is in")
check.run_until(function() return #received[1] == 1 and #received[2] == 1 and #received[3] == 1 end)
check.eq(heard[1], "room:one:" .. websocket.DATA_TYPE_TEXT, "the Lua subscriber")

websocket.unsubscribe(accepted[1], "room")
websocket.unsubscribe(listener, "room")
websocket.disconnect(accepted[2])
check.eq(websocket.publish("room", "two", { type = websocket.DATA_TYPE_TEXT }), 1, "queued on the one left")
local function twos()
  local n = 0
  for i = 1, 3 do
    for _, message in ipairs(received[i]) do n = n + (message == "two" and 1 or 0) end
  end
  return n
end
check.run_until(function() return twos() == 1 end)
check.eq(#heard, 1, "an unsubscribed function hears nothing more")

local status = websocket.broker_status()
check.eq(status.state, "off", "no broker configured")
check.eq(status.channels, 1, "one channel has a subscriber")
for i, c in ipairs(clients) do
  if not ended[i] then websocket.disconnect(c) end
end
websocket.stop_listening()
websocket.run()
check.eq(websocket.broker_status().channels, 0, "everyone left")
print("ok channels_local")
