-- A burst of messages arrives in order, each once, though callbacks raise errors and dispatch
-- events themselves (websocket.update inside a callback) in the middle of it: the events a
-- nested update dispatches are the ones after the message being handled.
package.path = ((arg[0] or ""):match("(.*/)") or "./") .. "lib/?.lua;" .. package.path
local websocket = require "websocket"
local check = require "check"

local port = check.echo_server()
local count, received, nested, wrong = 3000, 0, 0, nil
local done = false
websocket.connect("ws://127.0.0.1:" .. port .. "/", nil, function(_, conn, data)
  if data.event == websocket.EVENT_CONNECTED then
    for i = 1, count do websocket.send(conn, tostring(i)) end
  elseif data.event == websocket.EVENT_MESSAGE then
    received = received + 1
    if tonumber(data.message) ~= received and not wrong then
      wrong = ("message %d arrived as %s"):format(received, data.message)
    end
    if received == count then websocket.disconnect(conn) end
    if received % 100 == 50 then nested = nested + websocket.update(0) end
    if received % 100 == 7 then error("deliberate failure at message " .. received) end
  elseif data.event == websocket.EVENT_DISCONNECTED then
    done = true
    websocket.stop_listening()
  end
end)
check.run_until(function() return done end)
check.eq(wrong, nil, "order")
check.eq(received, count, "messages received")
assert(nested > 0, "no nested update dispatched a message")
print("ok message_order")
