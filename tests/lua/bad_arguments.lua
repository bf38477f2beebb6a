-- Every wrong argument of the reference functions raises a clear error naming the function and
-- the argument; using a connection that is not (or no longer) connected is an error too.
package.path = ((arg[0] or ""):match("(.*/)") or "./") .. "lib/?.lua;" .. package.path
---@diagnostic disable: param-type-mismatch, missing-parameter -- wrong on purpose
local websocket = require "websocket"
local check = require "check"

-- The message without the position of the call, which Lua 5.4 and LuaJIT give differently
-- when the call is a tail call.
local function err(f, ...)
  local ok, e = pcall(f, ...)
  assert(not ok, "no error")
  return (tostring(e):gsub("^[^\n]-bad_arguments%.lua:%d+: ", ""))
end
local cb = function() end
local cases = {
  { function() return websocket.connect(nil, nil, cb) end, "bad argument #1 to 'connect' (string expected, got nil)" },
  { function() return websocket.connect("ws://127.0.0.1:1/", 5, cb) end, "bad argument #2 to 'connect' (table expected, got number)" },
  { function() return websocket.connect("ws://127.0.0.1:1/", { timeout = "1" }, cb) end, "bad argument #2 to 'connect' (field 'timeout': number expected, got string)" },
  { function() return websocket.connect("ws://127.0.0.1:1/", { protocol = {} }, cb) end, "bad argument #2 to 'connect' (field 'protocol': string expected, got table)" },
  { function() return websocket.connect("ws://127.0.0.1:1/", { headers = true }, cb) end, "bad argument #2 to 'connect' (field 'headers': string or table expected, got boolean)" },
  { function() return websocket.connect("ws://127.0.0.1:1/", { compression = "yes" }, cb) end, "bad argument #2 to 'connect' (field 'compression': boolean or table expected, got string)" },
  { function() return websocket.connect("ws://127.0.0.1:1/", { compression = { window_bits = 16 } }, cb) end, "bad argument #2 to 'connect' (field 'compression.window_bits': must be from 9 to 15, got 16)" },
  { function() return websocket.connect("ws://127.0.0.1:1/", { tls = { verify = 3 } }, cb) end, "bad argument #2 to 'connect' (field 'tls.verify': boolean expected, got number)" },
  { function() return websocket.connect("ws://127.0.0.1:1/", { proxy = 3128 }, cb) end, "bad argument #2 to 'connect' (field 'proxy': boolean or string expected, got number)" },
  { function() return websocket.connect("ws://127.0.0.1:1/", { proxy = "socks5://127.0.0.1:1080" }, cb) end, "connect: proxy 'socks5://127.0.0.1:1080': only http:// proxies are supported, not socks5://" },
  { function() return websocket.connect("ws://127.0.0.1:1/", nil) end, "bad argument #3 to 'connect' (function expected, got no value)" },
  { function() return websocket.connect("ftp://127.0.0.1/", nil, cb) end, "connect: invalid url 'ftp://127.0.0.1/': scheme 'ftp' is not ws, wss, http or https" },
  { function() return websocket.connect("127.0.0.1:8080", nil, cb) end, "connect: invalid url '127.0.0.1:8080': it has no ws:// or wss:// in front: a websocket url looks like ws://host:port/path or wss://host/path" },
  { function() return websocket.connect("ws://127.0.0.1:8080 /x", nil, cb) end, "connect: invalid url 'ws://127.0.0.1:8080 /x': a space after 'ws://127.0.0.1:8080': a url has none (write a space as %20)" },
  { function() return websocket.connect("ws://127.0.0.1:1/", { timout = 3000 }, cb) end, "bad argument #2 to 'connect' (unknown field 'timout'; did you mean 'timeout'?)" },
  { function() return websocket.connect("ws://127.0.0.1:1/", { "x" }, cb) end, "bad argument #2 to 'connect' (number key in a table of named fields)" },
  { function() return websocket.connect("ws://127.0.0.1:1/", { headers = "Sec-WebSocket-Key: x" }, cb) end, "connect: headers: 'sec-websocket-key' is set by the websocket handshake and cannot be given" },
  { function() return websocket.connect("ws://127.0.0.1:1/", { headers = "A: 1\r\n\r\nB: 2" }, cb) end, "connect: headers: line 2 is empty" },
  { function() return websocket.connect("ws://127.0.0.1:1/", { headers = { ["Sec-WebSocket-Key"] = "x" } }, cb) end, "connect: headers: 'sec-websocket-key' is set by the websocket handshake and cannot be given" },
  { function() return websocket.connect("ws://127.0.0.1:1/", { headers = { ["X-A"] = "a\r\nX-B: b" } }, cb) end, "connect: headers: 'X-A': the value of 'x-a' has invalid characters" },
  { function() return websocket.connect("ws://127.0.0.1:1/", { headers = { ["X A"] = "a" } }, cb) end, "connect: headers: 'X A': 'X A' is not a valid header name" },
  { function() return websocket.connect("ws://127.0.0.1:1/", { headers = { ["X-A"] = 5 } }, cb) end, "bad argument #2 to 'connect' (field 'headers': 'X-A': string expected, got number)" },
  { function() return websocket.connect("ws://127.0.0.1:1/", { headers = { "X-A: a" } }, cb) end, "bad argument #2 to 'connect' (field 'headers': number key where string keys are expected)" },
  { function() return websocket.send(nil, "x") end, "bad argument #1 to 'send' (websocket.connection expected, got nil)" },
  { function() return websocket.send("conn", "x") end, "bad argument #1 to 'send' (websocket.connection expected, got string)" },
  { function() return websocket.disconnect({}) end, "bad argument #1 to 'disconnect' (websocket.connection expected, got table)" },
  { function() return websocket.listen("80", 1, 1, cb) end, "bad argument #1 to 'listen' (number expected, got string)" },
  { function() return websocket.listen(0, nil, 1, cb) end, "bad argument #2 to 'listen' (number expected, got nil)" },
  { function() return websocket.listen(0, 1, "soon", cb) end, "bad argument #3 to 'listen' (number expected, got string)" },
  { function() return websocket.listen(0, 1, 1) end, "bad argument #4 to 'listen' (function expected, got no value)" },
  { function() return websocket.listen(70000, 1, 1, cb) end, "bad argument #1 to 'listen' (must be from 0 to 65535, got 70000)" },
  { function() return websocket.listen(0, 0, 1, cb) end, "bad argument #2 to 'listen' (must be at least 1, got 0)" },
  { function() return websocket.listen(0, 1, 0, cb) end, "bad argument #3 to 'listen' (must be from 0.001 to 86400, got 0)" },
  { function() return websocket.listen(0, 1, 1, cb, { accept = true }) end, "bad argument #5 to 'listen' (field 'accept': function expected, got boolean)" },
  { function() return websocket.publish(string.rep("c", 257), "x") end, "publish: a channel's name is 1 to 256 bytes, not 257" },
  { function() return websocket.subscribe("conn", "room") end, "bad argument #1 to 'subscribe' (userdata or function expected, got string)" },
  { function() return websocket.update("x") end, "bad argument #1 to 'update' (number expected, got string)" },
}
for i, case in ipairs(cases) do
  check.eq(err(case[1]), case[2], "case " .. i)
end

-- A connection that is still connecting, then one that is gone.
local port = check.echo_server()
local conn = websocket.connect("ws://127.0.0.1:" .. port .. "/", nil, function(_, c, data)
  if data.event == websocket.EVENT_CONNECTED then websocket.disconnect(c) end
end)
check.eq(err(websocket.send, conn, "too early"), "send: connection is not connected", "send before CONNECTED")
check.eq(err(websocket.send, conn, "x", { typ = websocket.DATA_TYPE_TEXT }), "bad argument #3 to 'send' (unknown field 'typ'; did you mean 'type'?)", "send options field")
check.eq(err(websocket.send, conn, "x", { type = 9 }), "bad argument #3 to 'send' (field 'type': websocket.DATA_TYPE_TEXT or websocket.DATA_TYPE_BINARY expected, got 9)", "send type")
-- Arguments are read straight off Lua's stack when they have the plain shape (a string, a
-- handle, a table of known fields); every other shape still gets the full reading and errors.
check.eq(err(websocket.send, conn), "bad argument #2 to 'send' (string expected, got no value)", "send without a message")
check.eq(err(websocket.send, conn, {}), "bad argument #2 to 'send' (string expected, got table)", "send a table")
check.eq(err(websocket.send, io.stdout, "x"), "bad argument #1 to 'send' (websocket.connection expected, got userdata)", "send on a file")
check.eq(err(websocket.send, conn, "x", { websocket.DATA_TYPE_TEXT }), "bad argument #3 to 'send' (number key in a table of named fields)", "send options list")
check.eq(err(websocket.send, conn, "x", setmetatable({}, { __index = { type = 9 } })), "bad argument #3 to 'send' (field 'type': websocket.DATA_TYPE_TEXT or websocket.DATA_TYPE_BINARY expected, got 9)", "send options through __index")
check.eq(err(websocket.disconnect, conn, 1000, "\255"), "bad argument #3 to 'disconnect' (string is not valid UTF-8)", "close reason not UTF-8")
check.eq(err(websocket.disconnect, conn, 999), "bad argument #2 to 'disconnect' (must be from 1000 to 4999, got 999)", "close code out of range")
check.eq(err(websocket.disconnect, conn, 1005), "disconnect: close code 1005 cannot be sent (use 1000, 1001-1003, 1007-1011 or 3000-4999)", "close code")
check.eq(err(websocket.disconnect, conn, 1000, string.rep("r", 124)), "disconnect: close reason is 124 bytes, at most 123 fit", "close reason")
websocket.stop_listening()
websocket.run()
check.eq(err(websocket.send, conn, "too late"), "send: connection is not connected", "send after DISCONNECTED")
check.eq(err(websocket.disconnect, conn), "disconnect: connection is closed", "disconnect after DISCONNECTED")
print("ok bad_arguments")
