-- A chat with rooms, one of several processes behind a load balancer: every client starts in
-- the room "lobby"; "/join ROOM" moves it to another; anything else is said to its room, on
-- every process, through the [websocket] broker (Redis). Run by run.sh, or alone:
--
--   wslua examples/chat/server.lua -- PORT NAME
local port = math.floor(tonumber(arg[1]) or 9001)
local name = arg[2] or "chat"

local room_of = {} -- connection -> its room
local function text(conn, line)
  websocket.send(conn, line, { type = websocket.DATA_TYPE_TEXT })
end

local function join(conn, room)
  if room_of[conn] then
    websocket.unsubscribe(conn, "room:" .. room_of[conn])
  end
  room_of[conn] = room
  websocket.subscribe(conn, "room:" .. room)
  text(conn, "* you are in " .. room .. " (served by " .. name .. ")")
end

websocket.listen(port, 10000, 5, function(_, conn, data)
  if data.event == websocket.EVENT_CONNECTED then
    join(conn, "lobby")
  elseif data.event == websocket.EVENT_MESSAGE then
    local room = data.message:match("^/join%s+(%S+)")
    if room then
      join(conn, room)
    else
      websocket.publish("room:" .. room_of[conn], "[" .. room_of[conn] .. "] " .. data.message, { type = websocket.DATA_TYPE_TEXT })
    end
  elseif data.event == websocket.EVENT_DISCONNECTED then
    room_of[conn] = nil
  end
end, { host = "127.0.0.1" })
print(name .. " listening on ws://127.0.0.1:" .. port .. "/, broker " .. websocket.broker_status().state)
io.stdout:flush()
