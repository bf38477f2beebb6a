-- many_connections.lua: a server on a free port that subscribes every client to the channel
-- "all" as it connects. A client's "count" is answered with the number of clients subscribed so
-- far; anything else is published on "all". Prints its port.
local subscribed = 0
local port = websocket.listen(0, 20000, 10, function(_, conn, data)
  if data.event == websocket.EVENT_CONNECTED then
    websocket.subscribe(conn, "all")
    subscribed = subscribed + 1
  elseif data.event == websocket.EVENT_DISCONNECTED then
    subscribed = subscribed - 1
  elseif data.message == "count" then
    websocket.send(conn, tostring(subscribed))
  elseif data.event == websocket.EVENT_MESSAGE then
    websocket.publish("all", data.message, { type = data.type })
  end
end)
print(port)
io.stdout:flush()
