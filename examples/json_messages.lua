-- JSON messages with lua-cjson (Debian's lua-cjson package) from a stock interpreter: a server
-- that answers each request with a JSON reply, and a client that sends three.
--
--   lua5.4 examples/json_messages.lua [DIR_OF_websocket.so]
if arg[1] then package.cpath = arg[1] .. "/?.so;" .. package.cpath end
local websocket = require "websocket"
---@diagnostic disable-next-line: unresolved-require -- Debian's lua-cjson, which has no LuaLS stub
local cjson = require "cjson"

local port = websocket.listen(0, 4, 5, function(_, conn, data)
  if data.event == websocket.EVENT_MESSAGE then
    local request = cjson.decode(data.message)
    local reply = { id = request.id, sum = request.a + request.b }
    websocket.send(conn, cjson.encode(reply), { type = websocket.DATA_TYPE_TEXT })
  end
end)

local pending = 0
websocket.connect("ws://127.0.0.1:" .. port .. "/", nil, function(_, conn, data)
  if data.event == websocket.EVENT_CONNECTED then
    for id = 1, 3 do
      websocket.send(conn, cjson.encode({ id = id, a = id, b = 10 * id }), { type = websocket.DATA_TYPE_TEXT })
      pending = pending + 1
    end
  elseif data.event == websocket.EVENT_MESSAGE then
    local reply = cjson.decode(data.message)
    print(string.format("reply %d: sum %d", reply.id, reply.sum))
    pending = pending - 1
    if pending == 0 then
      websocket.disconnect(conn)
      websocket.stop_listening()
    end
  end
end)
websocket.run()
print("json: done")
