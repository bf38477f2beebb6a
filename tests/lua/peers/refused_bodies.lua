-- A server that refuses the upgrade: EVENT_ERROR carries the status, the headers and the whole
-- body however the server sends it (late, chunked, too big, stalled, ended by a close), and
-- EVENT_DISCONNECTED follows. Each case but the stalled one runs 50 times at once.
-- Usage: SCRIPT PORT (tests/peers/refusing_server.py listens on PORT).
package.path = ((arg[0] or ""):match("(.*/)") or "./") .. "../lib/?.lua;" .. package.path
local websocket = require "websocket"
local check = require "check"

local port = assert(tonumber(arg[1]), "usage: refused_bodies.lua PORT")
local cases = {
  late = { status = 403, body = '{"error":"late"}\n' },
  chunked = { status = 401, body = "first-second-third" },
  big = { status = 404, body = string.rep("b", 64 * 1024) },
  close = { status = 410, body = "gone for good" },
  stall = { status = 503, body = "0123456789", timeout = 2000, once = true },
}

local pending, seen = 0, {}
local function refused(name, case, i)
  pending = pending + 1
  local errored = false
  websocket.connect("ws://127.0.0.1:" .. port .. "/" .. name, { timeout = case.timeout or 5000 }, function(_, _, data)
    local what = name .. " #" .. i
    if data.event == websocket.EVENT_ERROR then
      local response = assert(data.handshake_response, what .. ": no handshake_response: " .. data.message)
      check.eq(response.status, case.status, what .. " status")
      check.eq(response.headers["x-case"], name, what .. " x-case header")
      check.eq(#response.response, #case.body, what .. " body length")
      check.eq(response.response, case.body, what .. " body")
      errored = true
    elseif data.event == websocket.EVENT_DISCONNECTED then
      check.eq(errored, true, what .. ": EVENT_ERROR before EVENT_DISCONNECTED")
      seen[name] = (seen[name] or 0) + 1
      pending = pending - 1
    else
      error(what .. ": unexpected event " .. data.event)
    end
  end)
end

for name, case in pairs(cases) do
  if not case.once then
    for i = 1, 50 do refused(name, case, i) end
  end
end
check.run_until(function() return pending == 0 end, 30)
-- The stalled one alone, so that its timeout is spent waiting for the rest of the body only.
refused("stall", cases.stall, 1)
check.run_until(function() return pending == 0 end, 30)
for name, case in pairs(cases) do
  check.eq(seen[name], case.once and 1 or 50, name .. " connections ended")
end
print("ok refused_bodies")
