-- The round trip of a message to a server in another process, through the descriptor in a luv
-- loop against websocket.update(1), each in a process of its own:
--   lua5.4 remote.lua serve           prints the port, echoes until it is killed
--   lua5.4 remote.lua fd|update URL   2,000 echoes; prints "rtt=...us"
package.path = ((arg[0] or ""):match("(.*/)") or "./") .. "../lib/?.lua;" .. package.path
local websocket = require "websocket"
---@diagnostic disable-next-line: unresolved-require -- Debian's lua-luv, which has no LuaLS stub
local uv = require "luv"
local echo = require "echo_through"
local mode, url = arg[1], arg[2]

if mode == "serve" then
  local port = websocket.listen(0, 4, 5, function(_, conn, data)
    if data.event == websocket.EVENT_MESSAGE then websocket.send(conn, data.message) end
  end)
  print(port)
  io.stdout:flush()
  local poll = uv.new_poll(websocket.event_fd())
  poll:start("r", function() websocket.update(0) end)
  uv.run()
  return
end

assert((mode == "fd" or mode == "update") and url, "usage: remote.lua serve | fd URL | update URL")
--- Ends the loop (through the descriptor: closes its watcher).
local stop = function() end
local done, started, sent = false, 0, 0
websocket.connect(url, nil, function(_, conn, data)
  if data.event == websocket.EVENT_CONNECTED then
    started, sent = uv.hrtime(), 1
    websocket.send(conn, "1")
  elseif data.event == websocket.EVENT_MESSAGE then
    assert(data.message == tostring(sent), "echo " .. sent .. " came back as " .. data.message)
    if sent < echo.COUNT then
      sent = sent + 1
      websocket.send(conn, tostring(sent))
    else
      print(string.format("rtt=%.1fus", (uv.hrtime() - started) / 1e3 / echo.COUNT))
      done = true
      websocket.disconnect(conn)
      stop()
    end
  elseif data.event == websocket.EVENT_ERROR then
    error("connecting failed: " .. data.message)
  end
end)
if mode == "fd" then
  local poll = uv.new_poll(websocket.event_fd())
  poll:start("r", function() websocket.update(0) end)
  stop = function() poll:close() end
  uv.run()
else
  while not done do websocket.update(1) end
end
