-- channel_server.lua PORT NAME: one of several server processes sharing the channel "all"
-- through the [websocket] broker. Each client is subscribed to "all" and greeted with
-- "hello NAME"; what it sends is published on "all", except "status", answered with
-- "status NAME STATE UNRELAYED", and "heard", answered with "heard NAME N": the messages a Lua
-- subscriber of this process got on "all". Prints "port PORT" once listening.
local port = math.floor(assert(tonumber(arg[1]), "usage: channel_server.lua -- PORT NAME"))
local name = assert(arg[2], "usage: channel_server.lua -- PORT NAME")

local heard = 0
websocket.subscribe(function() heard = heard + 1 end, "all")

websocket.listen(port, 1000, 5, function(_, conn, data)
  if data.event == websocket.EVENT_CONNECTED then
    websocket.subscribe(conn, "all")
    websocket.send(conn, "hello " .. name, { type = websocket.DATA_TYPE_TEXT })
  elseif data.event == websocket.EVENT_MESSAGE then
    if data.message == "status" then
      local status = websocket.broker_status()
      websocket.send(conn, ("status %s %s %d"):format(name, status.state, status.unrelayed), { type = websocket.DATA_TYPE_TEXT })
    elseif data.message == "heard" then
      websocket.send(conn, ("heard %s %d"):format(name, heard), { type = websocket.DATA_TYPE_TEXT })
    else
      websocket.publish("all", data.message, { type = data.type })
    end
  end
end, { host = "127.0.0.1" })
print("port " .. port)
io.stdout:flush()
