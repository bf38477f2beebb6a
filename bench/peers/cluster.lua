-- The wslua server of the cross-process fan-out benchmark: one of several processes sharing the
-- channel "bench" through the [websocket] broker (the bench gives its game.project). A client of
-- /publish publishes what it sends on "bench"; every other client is subscribed to it.
-- Prints its port.
local websocket = require "websocket"

local port = websocket.listen(0, 20000, 10, function(_, conn, data)
  if data.event == websocket.EVENT_CONNECTED then
    if data.request_resource ~= "/publish" then
      websocket.subscribe(conn, "bench")
    end
  elseif data.event == websocket.EVENT_MESSAGE then
    websocket.publish("bench", data.message, { type = data.type })
  end
end, { host = "127.0.0.1" })
print(port)
io.stdout:flush()
