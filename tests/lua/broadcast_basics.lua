-- broadcast, stats and ping in each interpreter: three clients of the script's own server get a
-- broadcast once each (a closed handle among the targets is skipped); stats count what went each
-- way; ping gives an rtt.
package.path = ((arg[0] or ""):match("(.*/)") or "./") .. "lib/?.lua;" .. package.path
local websocket = require "websocket"
local check = require "check"

local accepted, received, clients = {}, {}, {}
local port = websocket.listen(0, 8, 5, function(_, conn, data)
  if data.event == websocket.EVENT_CONNECTED then accepted[#accepted + 1] = conn end
end)
local gone = websocket.connect("ws://127.0.0.1:1/", nil, function() end)
for i = 1, 3 do
  clients[i] = websocket.connect("ws://127.0.0.1:" .. port .. "/", nil, function(_, _, data)
    if data.event == websocket.EVENT_MESSAGE then
      received[i] = (received[i] or 0) + 1
      check.eq(data.message, "to all", "the broadcast message")
      check.eq(data.type, websocket.DATA_TYPE_TEXT, "its type")
    end
  end)
end
check.run_until(function() return #accepted == 3 end)
local targets = { gone, accepted[1], accepted[2], accepted[3] }
check.eq(websocket.broadcast(targets, "to all", { type = websocket.DATA_TYPE_TEXT }), 3, "queued on")
check.run_until(function() return received[1] == 1 and received[2] == 1 and received[3] == 1 end)
local stats = websocket.stats(clients[1])
check.eq(stats.messages_received, 1, "messages_received")
check.eq(stats.bytes_received, 6, "bytes_received")
check.eq(stats.messages_sent, 0, "messages_sent")
check.eq(stats.buffered, 0, "buffered")
check.eq(stats.extensions, "", "extensions")
check.eq(websocket.stats(accepted[1]).bytes_sent, 6, "the server's bytes_sent")
assert(stats.connected_for > 0, "connected_for")
check.eq(stats.rtt, nil, "rtt before a ping")
websocket.ping(clients[1])
check.run_until(function() return websocket.stats(clients[1]).rtt ~= nil end)
assert(websocket.stats(clients[1]).rtt < 1, "a loopback round trip")
for _, c in ipairs(clients) do websocket.disconnect(c) end
websocket.stop_listening()
websocket.run()
local ok, err = pcall(websocket.stats, clients[1])
assert(not ok and tostring(err):find("stats: connection is closed", 1, true), tostring(err))
print("ok broadcast_basics")
