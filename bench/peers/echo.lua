-- The wslua echo server of the benchmarks, the way a script would write it: every message back
-- with its type. Prints its port. Runs under the runner (`wslua bench/peers/echo.lua [-- PORT]`,
-- also as `--workers N` with a PORT), which dispatches by itself, or a stock interpreter with the
-- module on LUA_CPATH (`luajit bench/peers/echo.lua`), which waits for events in websocket.update.
local websocket = require "websocket"
local in_runner = rawget(_G, "sys") ~= nil

local port = websocket.listen(math.floor(tonumber(arg and arg[1]) or 0), 20000, 10, function(_, conn, data)
  if data.event == websocket.EVENT_MESSAGE then
    websocket.send(conn, data.message, { type = data.type })
  end
end)
print(port)
io.stdout:flush()

if not in_runner then
  while true do
    websocket.update(1)
  end
end
