-- Echo server for tests/peers/flow_client.py rtt: "ping-me" makes it ping the client, "rtt?" is
-- answered with stats.rtt (seconds, or "none"), "counters" with its counters as JSON;
-- everything else is echoed. Its keepalive (ping_interval in game.project, or the test's
-- config) also sets rtt. Prints the port; ends when the client has gone.
local websocket = require "websocket"

local port = websocket.listen(0, 4, 5, function(_, conn, data)
  if data.event == websocket.EVENT_MESSAGE then
    local text = { type = websocket.DATA_TYPE_TEXT }
    if data.message == "ping-me" then
      websocket.ping(conn)
    elseif data.message == "rtt?" then
      local rtt = websocket.stats(conn).rtt
      websocket.send(conn, rtt and string.format("%.9f", rtt) or "none", text)
    elseif data.message == "counters" then
      local s = websocket.stats(conn)
      websocket.send(conn, string.format(
        '{"messages_received": %d, "messages_sent": %d, "bytes_received": %d, "bytes_sent": %d, "buffered": %d}',
        s.messages_received, s.messages_sent, s.bytes_received, s.bytes_sent, s.buffered), text)
    else
      websocket.send(conn, data.message, { type = data.type })
    end
  elseif data.event == websocket.EVENT_DISCONNECTED then
    websocket.stop_listening()
  end
end)
print("port " .. port)
io.stdout:flush()
websocket.run()
