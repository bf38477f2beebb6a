-- A failed connection gets EVENT_ERROR then EVENT_DISCONNECTED and nothing else; a refused
-- handshake carries handshake_response.
package.path = ((arg[0] or ""):match("(.*/)") or "./") .. "lib/?.lua;" .. package.path
local websocket = require "websocket"
local check = require "check"

-- A port that was just free: listen on 0, then stop.
local closed = websocket.listen(0, 1, 1, function() end)
websocket.stop_listening()

local events = {}
websocket.connect("ws://127.0.0.1:" .. closed .. "/", { timeout = 2000 }, function(_, _, data)
  table.insert(events, data)
end)
websocket.run()
check.eq(#events, 2, "events of a refused TCP connect")
check.eq(events[1].event, websocket.EVENT_ERROR, "first event")
assert(events[1].message:find("refused"), events[1].message)
check.eq(events[1].error_kind, "tcp", "error_kind of a refused TCP connect")
check.eq(events[1].handshake_response, nil, "no handshake happened")
check.eq(events[2].event, websocket.EVENT_DISCONNECTED, "second event")
check.eq(events[2].code, 1006, "abnormal closure")

-- max_connections 1: a second client's handshake is refused with 503.
local port = check.echo_server(1)
local first_open = false
---@type websocket.callback_data?
local refused
local first = websocket.connect("ws://127.0.0.1:" .. port .. "/", nil, function(_, _, data)
  if data.event == websocket.EVENT_CONNECTED then first_open = true end
end)
check.run_until(function() return first_open end)
websocket.connect("ws://127.0.0.1:" .. port .. "/", nil, function(_, _, data)
  if data.event == websocket.EVENT_ERROR then refused = data end
end)
check.run_until(function() return refused ~= nil end)
local response = assert(assert(refused).handshake_response, "a handshake_response")
check.eq(response.status, 503, "status")
check.eq(assert(refused).error_kind, "handshake", "error_kind of a refused handshake")
assert(response.response:find("too many connections"), response.response)
assert(type(response.headers) == "table", "headers table")
websocket.disconnect(first)
websocket.stop_listening()
websocket.run()
print("ok connect_failures")
