-- A connection whose task dies (the engine's test-only fault injection panics the task that
-- receives this message) still ends with one EVENT_DISCONNECTED, code 1011, and
-- websocket.run() returns once nothing is left.
local PANIC = "wslua-test: panic in this connection's task"
local ended = {}

local port = websocket.listen(0, 4, 2, function(_, _, data)
  if data.event == websocket.EVENT_DISCONNECTED then
    table.insert(ended, "server " .. data.code .. " " .. data.reason)
    websocket.stop_listening()
  end
end)
websocket.connect("ws://127.0.0.1:" .. port .. "/", nil, function(_, conn, data)
  if data.event == websocket.EVENT_CONNECTED then
    websocket.send(conn, PANIC, { type = websocket.DATA_TYPE_TEXT })
  elseif data.event == websocket.EVENT_DISCONNECTED then
    table.insert(ended, "client " .. data.code)
  end
end)
websocket.run()
table.sort(ended)
print(table.concat(ended, "\n"))
print("run returned")
