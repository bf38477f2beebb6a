-- A connection is one value for its whole life: the handle connect returns is the one every
-- callback gets, so it can key a table; tostring names it.
package.path = ((arg[0] or ""):match("(.*/)") or "./") .. "lib/?.lua;" .. package.path
local websocket = require "websocket"
local check = require "check"

local port = check.echo_server()
local by_conn, seen = {}, 0
local conn
conn = websocket.connect("ws://127.0.0.1:" .. port .. "/", nil, function(_, c, data)
  seen = seen + 1
  check.eq(rawequal(c, conn), true, "callback handle is the returned handle")
  check.eq(by_conn[c], "client", "the handle keys a table")
  if data.event == websocket.EVENT_CONNECTED then
    websocket.disconnect(c)
  elseif data.event == websocket.EVENT_DISCONNECTED then
    websocket.stop_listening()
  end
end)
by_conn[conn] = "client"
assert(tostring(conn):match("^websocket%.connection: %d+$"), tostring(conn))
check.eq(type(conn), "userdata", "type")
websocket.run()
check.eq(seen, 2, "CONNECTED and DISCONNECTED")
print("ok handle_identity")
