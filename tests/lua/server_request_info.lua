-- A server connection's EVENT_CONNECTED carries the request and the peer's address.
package.path = arg[0]:match("(.*/)") .. "lib/?.lua;" .. package.path
local websocket = require "websocket"
local check = require "check"

local seen
local port
port = websocket.listen(0, 4, 5, function(_, conn, data)
  if data.event == websocket.EVENT_CONNECTED then
    seen = data
    websocket.disconnect(conn)
    websocket.stop_listening()
  end
end)

websocket.connect("ws://127.0.0.1:" .. port .. "/room/7?user=ann&x=%20", {
  protocol = "chat",
  headers = "X-Test: yes\r\nOrigin: example.org\r\n",
}, function() end)

websocket.run()
check.eq(seen.request_method, "GET", "request_method")
check.eq(seen.request_resource, "/room/7?user=ann&x=%20", "request_resource")
check.eq(seen.ip_address, "127.0.0.1", "ip_address")
check.eq(math.type and math.type(seen.port) or type(seen.port), math.type and "integer" or "number", "port type")
assert(seen.port > 0 and seen.port ~= port, "port is the client's, not the server's: " .. seen.port)
check.eq(seen.request_headers["x-test"], "yes", "custom header")
check.eq(seen.request_headers["origin"], "example.org", "origin header")
check.eq(seen.request_headers["sec-websocket-protocol"], "chat", "protocol header")
check.eq(seen.message, nil, "no message on CONNECTED")
print("ok server_request_info")
