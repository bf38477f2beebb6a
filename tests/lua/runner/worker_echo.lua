-- A server for tests/workers.rs, run as `wslua --workers N worker_echo.lua -- PORT`: every
-- connection is greeted with the worker's number ("worker I", from WSLUA_WORKER) and subscribed
-- to the channel "all"; a message "publish:TEXT" publishes TEXT on it, any other comes back as
-- "I:MESSAGE". Prints "listening" once it listens and "finalize" at the end.
local worker = os.getenv("WSLUA_WORKER") or "?"
local TEXT = { type = websocket.DATA_TYPE_TEXT }

function init(_)
  local port = math.floor(assert(tonumber(arg[1]), "usage: worker_echo.lua -- PORT"))
  websocket.listen(port, 1000, 5, function(_, conn, data)
    if data.event == websocket.EVENT_CONNECTED then
      websocket.subscribe(conn, "all")
      websocket.send(conn, "worker " .. worker, TEXT)
    elseif data.event == websocket.EVENT_MESSAGE then
      local text = data.message
      if text:sub(1, 8) == "publish:" then
        websocket.publish("all", text:sub(9), TEXT)
      else
        websocket.send(conn, worker .. ":" .. text, TEXT)
      end
    end
  end)
  print("listening")
end

function finalize(_)
  print("finalize")
end
