-- browser_echo.lua: an echo server on a free port for tests/browser.rs. Prints "port N", then for
-- its one client "connected EXTENSIONS" and "disconnected CODE REASON", and exits.
local port = websocket.listen(0, 4, 5, function(_, conn, data)
  if data.event == websocket.EVENT_CONNECTED then
    print("connected " .. data.extensions)
  elseif data.event == websocket.EVENT_MESSAGE then
    websocket.send(conn, data.message, { type = data.type })
  elseif data.event == websocket.EVENT_DISCONNECTED then
    print(string.format("disconnected %d %s", data.code, data.reason))
    io.stdout:flush()
    sys.exit(0)
  end
  io.stdout:flush()
end)
print("port " .. port)
io.stdout:flush()
