-- The wslua client of the receive benchmark: reads COUNT numbered messages from URL, checks each
-- number, answers "done" and disconnects. Runner: `wslua bench/peers/receive.lua -- URL COUNT`;
-- module: `luajit bench/peers/receive.lua URL COUNT` with the module on LUA_CPATH.
-- With URL `alone` it measures its own callback without a socket: COUNT events like the ones
-- it would receive, made first, go to the callback in a loop, and it prints the seconds taken.
local websocket = require "websocket"
local url, count = arg[1], tonumber(arg[2])
local received = 0

local function on_event(_, conn, data)
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
end

if url == "alone" then
  -- The messages the stream server sends (bench/src/load.rs `payload`), made a thousand at a
  -- time outside the clock, as the runner makes each just before its callback; the last is
  -- left out, since its answer needs a connection.
  local taken, batch = 0, {}
  for first = 0, count - 2, 1000 do
    for i = first, math.min(first + 999, count - 2) do
      batch[i - first + 1] = ("%010d"):format(i) .. ("x"):rep(22)
    end
    local start = os.clock()
    for i = 1, math.min(1000, count - 1 - first) do
      -- The table the glue builds for each message.
      on_event(nil, nil, { event = websocket.EVENT_MESSAGE, message = batch[i], type = websocket.DATA_TYPE_TEXT })
    end
    taken = taken + os.clock() - start
  end
  assert(received == count - 1, "not every message was checked")
  print(("%.6f"):format(taken * count / (count - 1)))
  os.exit(0)
end

websocket.connect(url, nil, on_event)

if rawget(_G, "sys") == nil then
  websocket.run()
end
