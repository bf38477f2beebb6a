-- The wslua client of the receive benchmark: reads COUNT numbered messages from URL, checks each
-- number, answers "done" and disconnects. Runner: `wslua bench/peers/receive.lua -- URL COUNT`;
-- module: `luajit bench/peers/receive.lua URL COUNT` with the module on LUA_CPATH.
local websocket = require "websocket"
local url, count = arg[1], tonumber(arg[2])
local received = 0

websocket.connect(url, nil, function(_, conn, data)
  if data.event == websocket.EVENT_MESSAGE then
    if tonumber(data.message:sub(1, 10)) ~= received then
      error(("message %d arrived as %q"):format(received, data.message:sub(1, 10)))
    end
    received = received + 1
    if received == count then
      websocket.send(conn, "done", { type = websocket.DATA_TYPE_TEXT })
      websocket.disconnect(conn)
    end
  elseif data.event == websocket.EVENT_ERROR then
    io.stderr:write("receive.lua: ", data.message, "\n")
    os.exit(1)
  elseif data.event == websocket.EVENT_DISCONNECTED and received < count then
    io.stderr:write(("receive.lua: disconnected after %d messages: %d %s\n"):format(received, data.code, data.reason))
    os.exit(1)
  end
end)

if rawget(_G, "sys") == nil then
  websocket.run()
end
