-- soak_server.lua PORT CERT KEY: one of the two servers of `scripts/soak --mixed`: wss:// with
-- permessage-deflate, every client subscribed to the channel "room", shared with the other
-- server through the [websocket] broker. A message "e ..." comes back as it is; "p ..." is
-- published on "room" (both servers' clients get it). Prints "port N" once listening (PORT 0
-- picks a free one).
local usage = "usage: soak_server.lua -- PORT CERT KEY"
local port = math.floor(assert(tonumber(arg[1]), usage))
local certificate, key = assert(arg[2], usage), assert(arg[3], usage)

local bound = websocket.listen(port, 20000, 5, function(_, conn, data)
  if data.event == websocket.EVENT_CONNECTED then
    websocket.subscribe(conn, "room")
  elseif data.event == websocket.EVENT_MESSAGE then
    local kind = data.message:sub(1, 1)
    if kind == "e" then
      websocket.send(conn, data.message, { type = data.type })
    elseif kind == "p" then
      websocket.publish("room", data.message, { type = data.type })
    end
  end
end, { host = "127.0.0.1", tls = { certificate = certificate, key = key }, compression = true })
print("port " .. bound)
io.stdout:flush()
