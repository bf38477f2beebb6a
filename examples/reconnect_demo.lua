-- reconnect.lua at work: a client starts before its server exists, so its first tries fail and
-- it backs off; the server comes up after a second; the client connects, says hello, and the
-- script exits.
--
--   wslua examples/reconnect_demo.lua
package.path = ((arg[0] or ""):match("(.*/)") or "./") .. "?.lua;" .. package.path
local reconnect = require "reconnect"

-- A free port: listen on port 0, note the port, stop.
local function free_port()
  local port = websocket.listen(0, 1, 1, function() end)
  websocket.stop_listening()
  return port
end

function init(self)
  self.time, self.port = 0, free_port()
  self.link = reconnect.new("ws://127.0.0.1:" .. self.port .. "/", { timeout = 500 }, function(_, conn, data)
    if data.event == websocket.EVENT_CONNECTED then
      print(string.format("client: connected after %.1f s", self.time))
      websocket.send(conn, "hello", { type = websocket.DATA_TYPE_TEXT })
    elseif data.event == websocket.EVENT_MESSAGE then
      print("client: the server says " .. data.message)
      self.link:stop()
      sys.exit(0)
    end
  end, { first_delay = 0.2, max_delay = 2 })
end

function update(self, dt)
  self.time = self.time + dt
  if self.time >= 1 and not self.serving then
    self.serving = true
    websocket.listen(self.port, 4, 5, function(_, conn, data)
      if data.event == websocket.EVENT_MESSAGE then
        websocket.send(conn, "welcome back", { type = websocket.DATA_TYPE_TEXT })
      end
    end)
    print("server: listening")
  end
  self.link:update(dt)
end

function finalize(self)
  websocket.stop_listening()
end
