-- soak_churn.lua URL CA_FILE SESSIONS PARALLEL: one round of `scripts/soak --rounds` against
-- soak_server.lua. SESSIONS sessions, PARALLEL at a time, each: connect over wss:// with
-- permessage-deflate, three echoes of a 1 KiB JSON text (each checked), one message published to
-- the channel, then close. Prints "N sessions, N failed" and exits 1 if any failed.
local usage = "usage: wslua soak_churn.lua -- URL CA_FILE SESSIONS PARALLEL"
local url, ca_file = assert(arg[1], usage), assert(arg[2], usage)
local sessions = math.floor(assert(tonumber(arg[3]), usage))
local parallel = math.min(sessions, math.floor(assert(tonumber(arg[4]), usage)))
local echo = "e" .. string.rep('{"key":"value","n":12345},', 40)
local started, ended, failed = 0, 0, 0

local function finish()
  print(("%d sessions, %d failed"):format(ended, failed))
  io.stdout:flush()
  sys.exit(failed == 0 and 0 or 1)
end

local function session()
  started = started + 1
  local echoes, ok = 0, false
  websocket.connect(url, { timeout = 10000, tls = { ca_file = ca_file }, compression = true }, function(_, conn, data)
    if data.event == websocket.EVENT_CONNECTED then
      websocket.send(conn, echo)
    elseif data.event == websocket.EVENT_MESSAGE and data.message:sub(1, 1) == "e" then
      if data.message ~= echo then
        print("a changed echo: " .. data.message:sub(1, 60))
        websocket.disconnect(conn)
        return
      end
      echoes = echoes + 1
      if echoes < 3 then
        websocket.send(conn, echo)
      else
        ok = true
        websocket.send(conn, "p" .. started)
        websocket.disconnect(conn)
      end
    elseif data.event == websocket.EVENT_ERROR then
      print("error: " .. data.message)
    elseif data.event == websocket.EVENT_DISCONNECTED then
      ended = ended + 1
      if not ok then
        failed = failed + 1
      end
      if started < sessions then
        session()
      elseif ended == sessions then
        finish()
      end
    end
  end)
end

for _ = 1, parallel do
  session()
end
