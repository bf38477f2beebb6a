-- proxy_client.lua URL PROXY [CA_FILE]: connects to the echo server at URL through PROXY (a
-- proxy URL, "off", or "env" to leave it to the environment), sends one message and prints
-- "echo MESSAGE" when it comes back, or "error STATUS MESSAGE" (STATUS "-" without a
-- handshake_response) on EVENT_ERROR.
local url, proxy, ca_file = arg[1], arg[2], arg[3]
assert(url and proxy, "usage: wslua proxy_client.lua -- URL PROXY [CA_FILE]")
local choice ---@type boolean|string|nil
if proxy == "off" then
  choice = false
elseif proxy ~= "env" then
  choice = proxy
end
local params = { timeout = 10000, tls = ca_file and { ca_file = ca_file } or nil, proxy = choice }

websocket.connect(url, params, function(_, conn, data)
  if data.event == websocket.EVENT_CONNECTED then
    websocket.send(conn, "through the proxy", { type = websocket.DATA_TYPE_TEXT })
  elseif data.event == websocket.EVENT_MESSAGE then
    print("echo " .. data.message)
    websocket.disconnect(conn)
  elseif data.event == websocket.EVENT_ERROR then
    local status = data.handshake_response and data.handshake_response.status or "-"
    print("error " .. status .. " " .. data.message)
  end
end)
