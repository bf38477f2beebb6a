-- A server connection's EVENT_CONNECTED carries the request and the peer's address; a client's
-- headers may be a string or a table.
package.path = ((arg[0] or ""):match("(.*/)") or "./") .. "lib/?.lua;" .. package.path
local websocket = require "websocket"
local check = require "check"

-- Connects with `headers` (the string or the table form) and returns the server's data.
local function request(headers)
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
  websocket.connect("ws://127.0.0.1:" .. port .. "/room/7?user=ann&x=%20", { protocol = "chat", headers = headers }, function() end)
  websocket.run()
  local data = assert(seen, "the server saw the connection")
  assert(data.port > 0 and data.port ~= port, "port is the client's, not the server's: " .. data.port)
  return data
end

local data = request("X-Test: yes\r\nOrigin: example.org\r\n")
local headers = assert(data.request_headers, "request headers")
check.eq(data.request_method, "GET", "request_method")
check.eq(data.request_resource, "/room/7?user=ann&x=%20", "request_resource")
check.eq(data.ip_address, "127.0.0.1", "ip_address")
-- A whole number under every Lua (an integer subtype where there is one: tostring has no ".0").
check.eq(type(data.port), "number", "port type")
check.eq(tostring(data.port):find("^%d+$") ~= nil, true, "port is whole")
check.eq(headers["x-test"], "yes", "custom header")
check.eq(headers["origin"], "example.org", "origin header")
check.eq(headers["sec-websocket-protocol"], "chat", "protocol header")
check.eq(data.message, nil, "no message on CONNECTED")

-- The same headers as a table.
headers = assert(request({ ["X-Test"] = "yes", Origin = "example.org" }).request_headers, "request headers")
check.eq(headers["x-test"], "yes", "custom header from a table")
check.eq(headers["origin"], "example.org", "origin header from a table")
print("ok server_request_info")
