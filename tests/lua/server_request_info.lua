-- A server connection's EVENT_CONNECTED carries the request and the peer's address.
package.path = ((arg[0] or ""):match("(.*/)") or "./") .. "lib/?.lua;" .. package.path
local websocket = require "websocket"
local check = require "check"

---@type websocket.callback_data?
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
local data = assert(seen, "the server saw the connection")
local headers = assert(data.request_headers, "request headers")
check.eq(data.request_method, "GET", "request_method")
check.eq(data.request_resource, "/room/7?user=ann&x=%20", "request_resource")
check.eq(data.ip_address, "127.0.0.1", "ip_address")
check.eq(math.type and math.type(data.port) or type(data.port), math.type and "integer" or "number", "port type")
assert(data.port > 0 and data.port ~= port, "port is the client's, not the server's: " .. data.port)
check.eq(headers["x-test"], "yes", "custom header")
check.eq(headers["origin"], "example.org", "origin header")
check.eq(headers["sec-websocket-protocol"], "chat", "protocol header")
check.eq(data.message, nil, "no message on CONNECTED")
print("ok server_request_info")
