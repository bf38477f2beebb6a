-- many_connections.lua: a server on a free port that subscribes every client to the channel
-- "all" as it connects, and publishes on it whatever a client sends. Prints its port.
local port = websocket.listen(0, 20000, 10, function(_, conn, data)
  if data.event == websocket.EVENT_CONNECTED then
    websocket.subscribe(conn, "all")
  elseif data.event == websocket.EVENT_MESSAGE then
    websocket.publish("all", data.message, { type = data.type })
  end
end)
print(port)
io.stdout:flush()
