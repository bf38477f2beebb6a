-- permessage-deflate from Lua: a server that accepts it (listen's `compression`) and one that
-- does not (the config's default), clients that offer it (connect's `compression`) and one that
-- does not; data.extensions and stats().extensions on both sides say what was agreed, and a
-- 256 KiB text and 64 KiB of bytes come back whole either way.
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

websocket.stop_listening()
websocket.run()
print("ok compression")
