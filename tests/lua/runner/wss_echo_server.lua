-- wss_echo_server.lua CERTIFICATE KEY: a wss:// echo server on 127.0.0.1 that prints its port,
-- then "closed CODE REASON" for each client that leaves, until SIGTERM.
local certificate = assert(arg[1], "usage: wslua wss_echo_server.lua -- CERTIFICATE KEY")
local key = assert(arg[2], "usage: wslua wss_echo_server.lua -- CERTIFICATE KEY")
local port = websocket.listen(0, 16, 5, function(_, conn, data)
  if data.event == websocket.EVENT_MESSAGE then
    websocket.send(conn, data.message, { type = data.type })
  elseif data.event == websocket.EVENT_DISCONNECTED then
    print("closed " .. data.code .. " " .. data.reason)
    io.stdout:flush()
  end
end, { host = "127.0.0.1", tls = { certificate = certificate, key = key } })
print("port " .. port)
io.stdout:flush()
