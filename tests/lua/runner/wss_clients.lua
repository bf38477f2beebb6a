-- wss_clients.lua URL CA_FILE: three wslua clients of a wss:// server whose certificate CA_FILE
-- signed: trusting CA_FILE, not verifying, and neither. Prints one line for each: "connected"
-- (after an echo) or "error MESSAGE".
local url = assert(arg[1], "usage: wslua wss_clients.lua -- URL CA_FILE")
local ca_file = assert(arg[2], "usage: wslua wss_clients.lua -- URL CA_FILE")
local cases = {
  { "ca_file", { tls = { ca_file = ca_file } } },
  { "verify=false", { tls = { verify = false } } },
  { "neither", {} },
}

local function try(index)
  local case = cases[index]
  if not case then
    return sys.exit(0)
  end
  websocket.connect(url, case[2], function(_, conn, data)
    if data.event == websocket.EVENT_CONNECTED then
      websocket.send(conn, "hello over tls")
    elseif data.event == websocket.EVENT_MESSAGE then
      print(case[1] .. " connected " .. data.message)
      websocket.disconnect(conn)
    elseif data.event == websocket.EVENT_ERROR then
      print(case[1] .. " error " .. data.message)
    elseif data.event == websocket.EVENT_DISCONNECTED then
      io.stdout:flush()
      try(index + 1)
    end
  end)
end
try(1)
