-- Sends a few messages to an echo server, prints what comes back, then closes.
--
--   wslua examples/echo_client.lua [-- URL]      (default ws://127.0.0.1:8080/)

local url = arg[1] or "ws://127.0.0.1:8080/"
local lines = { "first", "second", "third" }
local received = 0

websocket.connect(url, { timeout = 3000 }, function(self, conn, data)
  if data.event == websocket.EVENT_CONNECTED then
    print("connected to " .. url)
    for _, line in ipairs(lines) do
      websocket.send(conn, line, { type = websocket.DATA_TYPE_TEXT })
    end
  elseif data.event == websocket.EVENT_MESSAGE then
    received = received + 1
    print("echo: " .. data.message)
    if received == #lines then
      websocket.disconnect(conn, 1000, "thanks")
    end
  elseif data.event == websocket.EVENT_ERROR then
    print("error: " .. data.message)
  elseif data.event == websocket.EVENT_DISCONNECTED then
    print("disconnected: " .. data.code)
    if received < #lines then os.exit(1) end
  end
end)
