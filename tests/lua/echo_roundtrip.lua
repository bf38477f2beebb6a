-- Client ↔ own server: text, binary with NUL and 0xFF, a 1 MiB message, each echoed with its
-- type; events in order (CONNECTED first, DISCONNECTED last, once); close code and reason
-- reach both sides.
package.path = ((arg[0] or ""):match("(.*/)") or "./") .. "lib/?.lua;" .. package.path
local websocket = require "websocket"
local check = require "check"

local messages = {
  { "hello", websocket.DATA_TYPE_TEXT },
  { "\0\1\2\255\254 binary", websocket.DATA_TYPE_BINARY },
  { string.rep("\255\0", 512 * 1024), websocket.DATA_TYPE_BINARY },
  { "", websocket.DATA_TYPE_TEXT },
}
local server_events, client_events, echoes = {}, {}, 0

local port = websocket.listen(0, 4, 5, function(_, conn, data)
  table.insert(server_events, data.event)
  if data.event == websocket.EVENT_MESSAGE then
    websocket.send(conn, data.message, { type = data.type })
  elseif data.event == websocket.EVENT_DISCONNECTED then
    check.eq(data.code, 4000, "server side close code")
    check.eq(data.reason, "finished", "server side close reason")
    websocket.stop_listening()
  end
end)

websocket.connect("ws://127.0.0.1:" .. port .. "/", nil, function(_, conn, data)
  table.insert(client_events, data.event)
  if data.event == websocket.EVENT_CONNECTED then
    for _, m in ipairs(messages) do
      websocket.send(conn, m[1], { type = m[2] })
    end
  elseif data.event == websocket.EVENT_MESSAGE then
    echoes = echoes + 1
    local want = assert(messages[echoes], "no more echoes than messages")
    check.eq(#data.message, #want[1], "length of echo " .. echoes)
    check.eq(data.message == want[1], true, "bytes of echo " .. echoes)
    check.eq(data.type, want[2], "type of echo " .. echoes)
    if echoes == #messages then
      websocket.disconnect(conn, 4000, "finished")
    end
  elseif data.event == websocket.EVENT_DISCONNECTED then
    check.eq(data.code, 4000, "client side close code")
    check.eq(data.reason, "finished", "client side close reason")
  end
end)

websocket.run()
for name, events in pairs({ server = server_events, client = client_events }) do
  check.eq(events[1], websocket.EVENT_CONNECTED, name .. " first event")
  check.eq(events[#events], websocket.EVENT_DISCONNECTED, name .. " last event")
  check.eq(#events, #messages + 2, name .. " event count")
end
print("ok echo_roundtrip")
