-- The wslua server of the connection-scale benchmark, run as `wslua --workers N scale.lua -- PORT`
-- with a [websocket] broker: every worker listens on PORT (reuse_port), subscribes each client to
-- the channel "all", and publishes whatever a client sends on it, so one message reaches every
-- client of every worker. Prints its port.
local port = math.floor(assert(tonumber(arg[1]), "usage: scale.lua -- PORT"))

websocket.listen(port, 20000, 10, function(_, conn, data)
  if data.event == websocket.EVENT_CONNECTED then
    websocket.subscribe(conn, "all")
  elseif data.event == websocket.EVENT_MESSAGE then
    websocket.publish("all", data.message, { type = data.type })
  end
end, { host = "127.0.0.1", reuse_port = true })
print(port)
io.stdout:flush()
