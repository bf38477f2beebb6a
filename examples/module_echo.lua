-- The echo demo for a stock interpreter, with wslua built as a loadable module:
--
--   scripts/build-module.sh lua5.4 target/lua     (or: luajit target/luajit)
--   lua5.4 examples/module_echo.lua target/lua    (or: luajit examples/module_echo.lua target/luajit)
--
-- Module scripts pump events themselves with websocket.update(timeout) or websocket.run();
-- callbacks receive nil as `self`.

package.cpath = (arg[1] or "target/lua") .. "/?.so;" .. package.cpath
local websocket = require "websocket"

local port = websocket.listen(0, 4, 5, function(_, conn, data)
  if data.event == websocket.EVENT_MESSAGE then
    websocket.send(conn, data.message, { type = data.type })
  elseif data.event == websocket.EVENT_DISCONNECTED then
    websocket.stop_listening()
  end
end)

local replies = 0
websocket.connect("ws://127.0.0.1:" .. port .. "/", nil, function(self, conn, data)
  assert(self == nil)
  if data.event == websocket.EVENT_CONNECTED then
    for i = 1, 3 do
      websocket.send(conn, "message " .. i, { type = websocket.DATA_TYPE_TEXT })
    end
  elseif data.event == websocket.EVENT_MESSAGE then
    replies = replies + 1
    print("echo: " .. data.message)
    if replies == 3 then
      websocket.disconnect(conn)
    end
  elseif data.event == websocket.EVENT_DISCONNECTED then
    print("disconnected: " .. data.code)
  end
end)

websocket.run()
local jit = rawget(_G, "jit") -- LuaJIT only
print(_VERSION .. (jit and (" / " .. jit.version) or "") .. ": done")
