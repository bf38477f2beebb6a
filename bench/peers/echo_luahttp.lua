-- The lua-http echo server of the benchmarks (LuaJIT, Debian lua-http and cqueues): every message
-- back with its type. Prints its port.
local server = require "http.server"
local websocket = require "http.websocket"

local s = assert(server.listen {
  host = "127.0.0.1",
  port = 0,
  onstream = function(_, stream)
    local ws = assert(websocket.new_from_stream(stream, assert(stream:get_headers())))
    assert(ws:accept())
    while true do
      local data, opcode = ws:receive()
      if not data then break end
      assert(ws:send(data, opcode))
    end
  end,
  -- A client that leaves mid-connection ends only its own stream.
  onerror = function() end,
})
assert(s:listen())
local _, _, port = s:localname()
print(port)
io.stdout:flush()
assert(s:loop())
