-- An echo server: every message comes back with its type. Runs until Ctrl-C.
--
--   wslua examples/echo_server.lua [-- PORT]     (PORT 0 picks a free one; default 8080)

local port = websocket.listen(math.floor(tonumber(arg[1]) or 8080), 4096, 5, function(self, conn, data)
  if data.event == websocket.EVENT_CONNECTED then
    print(string.format("%s: connected from %s:%d (%s)", tostring(conn), data.ip_address, data.port, data.request_resource))
  elseif data.event == websocket.EVENT_MESSAGE then
    websocket.send(conn, data.message, { type = data.type })
  elseif data.event == websocket.EVENT_DISCONNECTED then
    local reason = data.reason ~= "" and (", " .. data.reason) or ""
    print(string.format("%s: disconnected (code %d%s)", tostring(conn), data.code, reason))
  end
end)
print("echo server listening on ws://127.0.0.1:" .. port .. "/")
io.stdout:flush()
