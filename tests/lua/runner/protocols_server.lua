-- A server on 127.0.0.1 that speaks the subprotocols "v2" and "v1", by preference; prints its
-- port, then "protocol X" (or "protocol none") for each client, until SIGTERM.
local port = websocket.listen(0, 16, 5, function(_, _, data)
  if data.event == websocket.EVENT_CONNECTED then
    print("protocol " .. (data.protocol or "none"))
    io.stdout:flush()
  end
end, { host = "127.0.0.1", protocols = { "v2", "v1" } })
print("port " .. port)
io.stdout:flush()
