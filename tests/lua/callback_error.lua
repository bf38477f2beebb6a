-- A callback that raises does not stop the events after it (the error goes to stderr with its
-- traceback).
-- stderr: deliberate failure in a callback
-- stderr: stack traceback
package.path = ((arg[0] or ""):match("(.*/)") or "./") .. "lib/?.lua;" .. package.path
local websocket = require "websocket"
local check = require "check"

local port = check.echo_server()
local received = 0
local disconnected = false
websocket.connect("ws://127.0.0.1:" .. port .. "/", nil, function(_, conn, data)
  if data.event == websocket.EVENT_CONNECTED then
    for i = 1, 3 do websocket.send(conn, "m" .. i) end
  elseif data.event == websocket.EVENT_MESSAGE then
    received = received + 1
    if received == 1 then error("deliberate failure in a callback") end
    if received == 3 then websocket.disconnect(conn) end
  elseif data.event == websocket.EVENT_DISCONNECTED then
    disconnected = true
    websocket.stop_listening()
  end
end)
websocket.run()
check.eq(received, 3, "messages after the error")
check.eq(disconnected, true, "disconnected")
print("ok callback_error")
