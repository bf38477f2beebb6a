-- permessage-deflate from Lua: a server that accepts it (listen's `compression`) and one that
-- does not (the config's default), clients that offer it (connect's `compression`) and one that
-- does not; data.extensions and stats().extensions on both sides say what was agreed, and a
-- 256 KiB text and 64 KiB of bytes come back whole either way. Settings tables, the idle
-- release of compressors, and bad settings follow.
package.path = ((arg[0] or ""):match("(.*/)") or "./") .. "lib/?.lua;" .. package.path
local websocket = require "websocket"
local check = require "check"

local server_saw = {}
local function server(options)
  return websocket.listen(0, 8, 5, function(_, conn, data)
    if data.event == websocket.EVENT_CONNECTED then
      server_saw[#server_saw + 1] = data.extensions
      check.eq(websocket.stats(conn).extensions, data.extensions, "stats on the server's side")
    elseif data.event == websocket.EVENT_MESSAGE then
      websocket.send(conn, data.message, { type = data.type })
    end
  end, options)
end
local accepting = server({ compression = true })
local plain = server(nil)

local line = '{"id":1,"name":"player","x":1.5,"y":-2.25},'
local text = string.rep(line, math.ceil(256 * 1024 / #line))
local bytes = {}
for i = 1, 64 * 1024 do
  bytes[i] = string.char((i * 7919) % 256)
end
local binary = table.concat(bytes)

-- Connects, echoes both messages, disconnects; returns what the client saw agreed.
local function try(port, params)
  local agreed
  ---@type string[]
  local echoed = {}
  websocket.connect("ws://127.0.0.1:" .. port .. "/", params, function(_, conn, data)
    if data.event == websocket.EVENT_CONNECTED then
      agreed = data.extensions
      check.eq(websocket.stats(conn).extensions, agreed, "stats on the client's side")
      websocket.send(conn, text)
      websocket.send(conn, binary, { type = websocket.DATA_TYPE_BINARY })
    elseif data.event == websocket.EVENT_MESSAGE then
      echoed[#echoed + 1] = data.message
      if #echoed == 2 then
        websocket.disconnect(conn)
      end
    elseif data.event == websocket.EVENT_ERROR then
      error("connecting failed: " .. data.message)
    end
  end)
  check.run_until(function() return #echoed == 2 end)
  check.eq(echoed[1] == text, true, "the text came back whole")
  check.eq(echoed[2] == binary, true, "the bytes came back whole")
  return agreed
end

-- The server keeps both windows to 4 KiB (the client lets it choose its own).
local agreed = "permessage-deflate; server_max_window_bits=12; client_max_window_bits=12"
check.eq(try(accepting, { compression = true }), agreed, "both want it")
check.eq(try(accepting, { compression = false }), "", "the client does not offer it")
check.eq(try(accepting, nil), "", "the config's default: off")
check.eq(try(plain, { compression = true }), "", "the server does not accept it")
check.eq(table.concat(server_saw, ","), agreed .. ",,,", "the server's side")

-- A table of settings turns it on: the server compresses with its window and asks the client
-- for it; the client compresses with less still. A second without messages gives both sides'
-- compressors back, and what is sent after that, starting from the window each kept, still
-- inflates on the other side.
local small = server({ compression = { window_bits = 10, mem_level = 5 } })
local replies = {}
local settled
---@type websocket.connection
local conn
websocket.connect("ws://127.0.0.1:" .. small .. "/", { compression = { window_bits = 9, mem_level = 1 } }, function(_, c, data)
  if data.event == websocket.EVENT_CONNECTED then
    conn, settled = c, data.extensions
  elseif data.event == websocket.EVENT_MESSAGE then
    replies[#replies + 1] = data.message
  end
end)
check.run_until(function() return settled ~= nil end)
check.eq(settled, "permessage-deflate; server_max_window_bits=10; client_max_window_bits=10", "the server's window")
local function round(message)
  local before = #replies
  websocket.send(conn, message)
  check.run_until(function() return #replies > before end)
  check.eq(replies[#replies], message, "an echo")
end
round(string.rep(line, 40))
for _ = 1, 15 do
  websocket.update(0.1)
end
round(string.rep(line, 40) .. "and after the pause")
round(string.rep(line, 3))
websocket.disconnect(conn)

-- Settings out of range, or unknown, are the caller's error.
local function refused(params, want)
  local ok, err = pcall(websocket.connect, "ws://127.0.0.1:" .. small .. "/", params, function() end)
  check.eq(ok, false, "connect with " .. want)
  check.eq(tostring(err):find(want, 1, true) ~= nil, true, "the error names it: " .. tostring(err))
end
refused({ compression = { window_bits = 16 } }, "window_bits")
refused({ compression = { mem_level = 0 } }, "mem_level")
refused({ compression = { windowbits = 10 } }, "window_bits")
refused({ compression = "yes" }, "compression")

websocket.stop_listening()
websocket.run()
print("ok compression")
