-- A server on port arg[1] (0: a free one) that shares it with `reuse_port` when arg[2] is
-- "share"; prints its port, then a line per connection it accepts, until SIGTERM.
io.stdout:setvbuf("line")
function init(self)
  local wanted = math.floor(assert(tonumber(arg[1]), "usage: shared_port.lua PORT [share]"))
  local port = websocket.listen(wanted, 100, 5, function(_, _, data)
    if data.event == websocket.EVENT_CONNECTED then print("connection") end
  end, { reuse_port = arg[2] == "share" })
  print("port " .. port)
end
