-- Many connections at once through websocket.event_fd() in a luv loop: 16 clients, 8 connected
-- before the descriptor was made and 8 after, each sending 300 messages of 1 byte to 64 KiB at
-- once to a server in the same loop, which echoes them. Every echo must come back whole and in
-- order, whichever thread read it (the loop's, told by the descriptor, or the engine's).
package.path = ((arg[0] or ""):match("(.*/)") or "./") .. "../lib/?.lua;" .. package.path
local websocket = require "websocket"
---@diagnostic disable-next-line: unresolved-require -- Debian's lua-luv, which has no LuaLS stub
local uv = require "luv"
local CLIENTS, MESSAGES = 16, 300

local port = websocket.listen(0, 2 * CLIENTS, 5, function(_, conn, data)
  if data.event == websocket.EVENT_MESSAGE then websocket.send(conn, data.message, { type = data.type }) end
end)

--- The `i`th message of client `c`: its numbers, padded to a size from 1 byte to 64 KiB.
local function message(c, i)
  local head = c .. ":" .. i .. ":"
  local size = (i * 7919 + c * 104729) % 65536 + 1
  return head .. string.rep(string.char(math.floor(65 + i % 26)), math.floor(math.max(0, size - #head)))
end

local connected, finished, failures = 0, 0, {}
local function client(c, after_connected)
  local received = 0
  websocket.connect("ws://127.0.0.1:" .. port .. "/", nil, function(_, conn, data)
    if data.event == websocket.EVENT_CONNECTED then
      connected = connected + 1
      for i = 1, MESSAGES do websocket.send(conn, message(c, i), { type = websocket.DATA_TYPE_BINARY }) end
      if after_connected then after_connected() end
    elseif data.event == websocket.EVENT_MESSAGE then
      received = received + 1
      if data.message ~= message(c, received) then
        failures[#failures + 1] = string.format("client %d: echo %d is %q...", c, received, data.message:sub(1, 20))
      end
      if received == MESSAGES then
        finished = finished + 1
        websocket.disconnect(conn)
      end
    elseif data.event == websocket.EVENT_ERROR then
      failures[#failures + 1] = string.format("client %d: %s", c, data.message)
    end
  end)
end

-- The first half connects (and starts sending) before the descriptor exists.
for c = 1, CLIENTS / 2 do client(c) end
while connected < CLIENTS / 2 do websocket.update(1) end

local poll = uv.new_poll(websocket.event_fd())
poll:start("r", function() websocket.update(0) end)
for c = CLIENTS / 2 + 1, CLIENTS do client(c) end
local deadline = uv.new_timer()
deadline:start(60000, 0, function()
  failures[#failures + 1] = string.format("only %d of %d clients got every echo in 60 s", finished, CLIENTS)
  uv.stop()
end)
local check = uv.new_timer()
check:start(10, 10, function()
  if finished == CLIENTS or #failures > 0 then uv.stop() end
end)
uv.run()

assert(#failures == 0, table.concat(failures, "\n"))
print(string.format("ok burst: %d clients, %d echoes each", CLIENTS, MESSAGES))
