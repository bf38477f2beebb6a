-- tls_flood_server.lua CERTIFICATE KEY: a wss:// echo server on 127.0.0.1 as the TLS-flood test
-- of tests/reliability.rs wants it, listen(port, 100, 2, ...): at most 100 connections, 2 s for
-- a handshake (TLS included). Prints its port, then runs until SIGTERM.
local certificate = assert(arg[1], "usage: wslua tls_flood_server.lua -- CERTIFICATE KEY")
local key = assert(arg[2], "usage: wslua tls_flood_server.lua -- CERTIFICATE KEY")
local port = websocket.listen(0, 100, 2, function(_, conn, data)
  if data.event == websocket.EVENT_MESSAGE then
    websocket.send(conn, data.message, { type = data.type })
  end
end, { host = "127.0.0.1", tls = { certificate = certificate, key = key } })
print("port " .. port)
io.stdout:flush()
