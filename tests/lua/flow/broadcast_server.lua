-- Fan-out: the first client to connect does not read. The server fills that client's queue to
-- within 128 KiB of max_send_queue (its socket buffers fill first), prints "filled", and once
-- CLIENTS clients are connected sends COUNT numbered messages of SIZE bytes to all of them with
-- websocket.broadcast, together with a handle that has closed (skipped). The first client's
-- queue passes max_send_queue: it is closed with 1008; the others get everything.
-- Prints the port, "filled", a summary of the broadcasts, and a last line when every client has
-- gone.
-- Usage: wslua SCRIPT --config game.project -- CLIENTS COUNT SIZE   (max_send_queue in game.project)
local clients = math.floor(assert(tonumber(arg[1]), "usage: broadcast_server.lua CLIENTS COUNT SIZE"))
local count = math.floor(assert(tonumber(arg[2])))
local padding = string.rep("p", math.floor(assert(tonumber(arg[3]))))
local limit = assert(tonumber(sys.get_config("websocket.max_send_queue")), "max_send_queue in game.project")
local connected, ended, codes = {}, 0, {}
-- A connection that has come and gone (port 1 refuses it): its handle is in every broadcast.
local closed = websocket.connect("ws://127.0.0.1:1/", nil, function() end)

local port = websocket.listen(0, clients + 10, 5, function(_, conn, data)
  if data.event == websocket.EVENT_CONNECTED then
    connected[#connected + 1] = conn
    if #connected == clients then
      local targets = { closed }
      for _, c in ipairs(connected) do targets[#targets + 1] = c end
      local first, last
      for i = 0, count - 1 do
        local queued = websocket.broadcast(targets, "b:" .. i .. ":" .. padding, { type = websocket.DATA_TYPE_TEXT })
        first, last = first or queued, queued
      end
      print(string.format("broadcast first %d last %d of %d handles", first, last, #targets))
      io.stdout:flush()
    end
  elseif data.event == websocket.EVENT_DISCONNECTED then
    ended = ended + 1
    codes[data.code] = (codes[data.code] or 0) + 1
    if ended == clients then
      print(string.format("ended %d: 1000 %d, 1008 %d", ended, codes[1000] or 0, codes[1008] or 0))
      websocket.stop_listening()
    end
  end
end)
print("port " .. port)
io.stdout:flush()

-- The first client, which does not read: fill its queue (it grows once its buffers are full).
while #connected == 0 do websocket.update(1) end
local filler = string.rep("f", 64 * 1024)
while websocket.stats(connected[1]).buffered < limit - 128 * 1024 do
  websocket.send(connected[1], filler)
  websocket.update(0.01)
end
print("filled")
io.stdout:flush()
