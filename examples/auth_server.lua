-- A server that admits only clients with the right token, and at most two connections per
-- address, using listen's `accept` hook; then two clients try it: one without the token (it is
-- refused with 401 and told why), one with it (it is echoed). Run:
--
--   wslua examples/auth_server.lua
--
-- The hook runs on the Lua thread before the server answers the upgrade request, so a refused
-- client never becomes a connection: no EVENT_CONNECTED, no place in max_connections.
local TOKEN = "let-me-in"
local per_address = {} -- ip address -> open connections
local address_of = {} -- connection -> its ip address

local function accept(_, request)
  if not request.resource:find("token=" .. TOKEN, 1, true) then
    return false, 401, "a token is required: connect to /?token=...\n"
  end
  if (per_address[request.ip_address] or 0) >= 2 then
    return false, 429, "too many connections from " .. request.ip_address .. "\n"
  end
  return true
end

local function on_server_event(_, conn, data)
  if data.event == websocket.EVENT_CONNECTED then
    address_of[conn] = data.ip_address
    per_address[data.ip_address] = (per_address[data.ip_address] or 0) + 1
    print("server: admitted " .. data.ip_address .. " " .. data.request_resource)
  elseif data.event == websocket.EVENT_MESSAGE then
    websocket.send(conn, data.message, { type = data.type })
  elseif data.event == websocket.EVENT_DISCONNECTED then
    local address = address_of[conn]
    per_address[address] = per_address[address] - 1
    address_of[conn] = nil
  end
end

local port = websocket.listen(0, 16, 5, on_server_event, { host = "127.0.0.1", accept = accept })
print("auth server listening on ws://127.0.0.1:" .. port .. "/?token=" .. TOKEN)

local function client(resource, on_done)
  websocket.connect("ws://127.0.0.1:" .. port .. resource, nil, function(_, conn, data)
    if data.event == websocket.EVENT_CONNECTED then
      websocket.send(conn, "hello", { type = websocket.DATA_TYPE_TEXT })
    elseif data.event == websocket.EVENT_MESSAGE then
      print("client " .. resource .. ": echo: " .. data.message)
      websocket.disconnect(conn)
    elseif data.event == websocket.EVENT_ERROR then
      local response = data.handshake_response
      local why = response and response.status .. " " .. response.response or data.message
      print("client " .. resource .. ": refused: " .. why:gsub("\n$", ""))
    elseif data.event == websocket.EVENT_DISCONNECTED then
      on_done()
    end
  end)
end

client("/", function()
  client("/?token=" .. TOKEN, function()
    websocket.stop_listening()
    sys.exit(0)
  end)
end)
