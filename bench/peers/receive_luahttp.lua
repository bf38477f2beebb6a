-- The lua-http client of the receive benchmark (LuaJIT): reads COUNT numbered messages from URL,
-- checks each number, answers "done" and closes.   luajit receive_luahttp.lua URL COUNT
local websocket = require "http.websocket"
local url, count = arg[1], tonumber(arg[2])

local ws = websocket.new_from_uri(url)
assert(ws:connect())
for i = 0, count - 1 do
  local message = assert(ws:receive())
  if tonumber(message:sub(1, 10)) ~= i then
    error(("message %d arrived as %q"):format(i, message:sub(1, 10)))
  end
end
assert(ws:send("done"))
ws:close()
