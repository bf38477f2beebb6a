-- A wss:// echo server and a client of it, in one script. Make a test CA and a certificate
-- for localhost first, then run:
--
--   sh examples/make_test_certs.sh /tmp/certs "DNS:localhost,IP:127.0.0.1"
--   wslua examples/wss_server.lua -- /tmp/certs
--
-- A real server uses its own certificate chain and key, and its clients need no ca_file.
local dir = assert(arg[1], "usage: wslua examples/wss_server.lua -- CERTIFICATE_DIRECTORY")

local port = websocket.listen(0, 10, 5, function(_, conn, data)
  if data.event == websocket.EVENT_MESSAGE then
    websocket.send(conn, data.message, { type = data.type })
  end
end, {
  host = "127.0.0.1",
  tls = { certificate = dir .. "/server.pem", key = dir .. "/server.key" },
})
print("wss server listening on wss://localhost:" .. port .. "/")

-- The client trusts the test CA for this connection only; the [websocket] ca_file config key
-- would make every connection trust it.
websocket.connect("wss://localhost:" .. port .. "/", { tls = { ca_file = dir .. "/ca.pem" } }, function(_, conn, data)
  if data.event == websocket.EVENT_CONNECTED then
    websocket.send(conn, "hello over TLS", { type = websocket.DATA_TYPE_TEXT })
  elseif data.event == websocket.EVENT_MESSAGE then
    print("client: echo: " .. data.message)
    websocket.disconnect(conn)
  elseif data.event == websocket.EVENT_ERROR then
    print("client: error: " .. data.message)
  elseif data.event == websocket.EVENT_DISCONNECTED then
    websocket.stop_listening()
    sys.exit(0)
  end
end)
