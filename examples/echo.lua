-- A websocket echo, end to end on loopback: a server on a free port, a client that sends text and
-- binary messages, checks every echo, then closes with a code and a reason.
--
--   cargo run --release -- examples/echo.lua

local function show(data)
  if data.type == websocket.DATA_TYPE_TEXT then
    return string.format("text %q", data.message)
  end
  return "binary " .. data.message:gsub(".", function(c) return string.format("%02x", c:byte()) end)
end

local function server(self, conn, data)
  if data.event == websocket.EVENT_CONNECTED then
    print(string.format("server: %s connected from %s:%d, %s %s",
      tostring(conn), data.ip_address, data.port, data.request_method, data.request_resource))
  elseif data.event == websocket.EVENT_MESSAGE then
    websocket.send(conn, data.message, { type = data.type })
  elseif data.event == websocket.EVENT_DISCONNECTED then
    print(string.format("server: %s disconnected, code %d, reason %q", tostring(conn), data.code, data.reason))
    websocket.stop_listening()
  end
end

local messages = {
  { "Hello, websocket!", websocket.DATA_TYPE_TEXT },
  { "\0\1\2\255 binary survives", websocket.DATA_TYPE_BINARY },
  { "héllo, ünïcode ✓", websocket.DATA_TYPE_TEXT },
}
local echoed = 0

local function client(self, conn, data)
  if data.event == websocket.EVENT_CONNECTED then
    print("client: connected as " .. tostring(conn))
    for _, m in ipairs(messages) do
      websocket.send(conn, m[1], { type = m[2] })
    end
  elseif data.event == websocket.EVENT_MESSAGE then
    echoed = echoed + 1
    local want = assert(messages[echoed], "more echoes than messages")
    assert(data.message == want[1] and data.type == want[2], "echo differs from what was sent")
    print("client: echo " .. echoed .. ": " .. show(data))
    if echoed == #messages then
      websocket.disconnect(conn, 4000, "demo finished")
    end
  elseif data.event == websocket.EVENT_ERROR then
    print("client: error: " .. data.message)
    os.exit(1)
  elseif data.event == websocket.EVENT_DISCONNECTED then
    print(string.format("client: disconnected, code %d, reason %q", data.code, data.reason))
  end
end

local port = websocket.listen(0, 8, 5, server)
print("server: listening on port " .. port)
websocket.connect("ws://127.0.0.1:" .. port .. "/echo?demo=1", { timeout = 2000 }, client)
