-- Several servers at once, stop_listening(port) stopping one, servers bound to 127.0.0.1 (not
-- reachable on ::1) and to ::1 (not on 127.0.0.1), the subprotocol rule of listen's `protocols`,
-- seen from both sides, and data.response_headers on the client's side. A client that asked for
-- subprotocols refuses a server that picks none of them (tungstenite does, as node ws does), so
-- "none in common" is an error on the client's side.
package.path = ((arg[0] or ""):match("(.*/)") or "./") .. "lib/?.lua;" .. package.path
local websocket = require "websocket"
local check = require "check"

local seen = {}
local function server(options)
  return websocket.listen(0, 8, 5, function(_, _, data)
    if data.event == websocket.EVENT_CONNECTED then
      seen[#seen + 1] = data.protocol or "none"
      check.eq(data.response_headers, nil, "a server's side has no response")
    end
  end, options)
end
local a = server({ host = "127.0.0.1", protocols = { "v2", "v1" } })
local b = server(nil)
assert(a ~= b, "two servers, two ports")

-- connect and wait for the end of the handshake; returns the events' summary
---@type table<string, string>?
local response_headers
local function try(url, params)
  local result
  websocket.connect(url, params, function(_, conn, data)
    if data.event == websocket.EVENT_CONNECTED then
      result = "connected " .. (data.protocol or "none")
      response_headers = data.response_headers
      websocket.disconnect(conn)
    elseif data.event == websocket.EVENT_ERROR and not result then
      result = "error"
    end
  end)
  check.run_until(function() return result ~= nil end)
  return result
end

check.eq(try("ws://127.0.0.1:" .. a .. "/", { protocol = "v1" }), "connected v1", "offered v1")
local headers = assert(response_headers, "the 101 response's headers")
check.eq(headers["sec-websocket-protocol"], "v1", "the subprotocol header")
check.eq(headers["upgrade"], "websocket", "names in lower case")
check.eq(type(headers["sec-websocket-accept"]), "string", "the accept key")
check.eq(try("ws://127.0.0.1:" .. a .. "/", { headers = "Sec-WebSocket-Protocol: v1, v2\r\n" }), "connected v2", "the server's preference")
check.eq(try("ws://127.0.0.1:" .. a .. "/", { protocol = "v3" }), "error", "none in common")
check.eq(try("ws://127.0.0.1:" .. a .. "/", nil), "connected none", "none offered")
check.eq(try("ws://[::1]:" .. a .. "/", nil), "error", "bound to 127.0.0.1, not ::1")
check.eq(try("ws://127.0.0.1:" .. b .. "/", { protocol = "chat" }), "connected chat", "no list: the client's first")
check.run_until(function() return #seen == 5 end)
table.sort(seen)
check.eq(table.concat(seen, ","), "chat,none,none,v1,v2", "the server side")

websocket.stop_listening(a)
check.eq(try("ws://127.0.0.1:" .. a .. "/", nil), "error", "a stopped")
check.eq(try("ws://127.0.0.1:" .. b .. "/", nil), "connected none", "b still serves")
websocket.stop_listening()
check.eq(try("ws://127.0.0.1:" .. b .. "/", nil), "error", "every server stopped")

-- And the reverse: a server on ::1 only.
local c = server({ host = "::1" })
check.eq(try("ws://[::1]:" .. c .. "/", nil), "connected none", "bound to ::1")
check.eq(try("ws://127.0.0.1:" .. c .. "/", nil), "error", "bound to ::1, not 127.0.0.1")
websocket.stop_listening(c)
websocket.run()
print("ok listen_options")
