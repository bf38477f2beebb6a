-- The Defold script lifecycle in the runner: init(self), update(self, dt) every frame, callbacks
-- with self = the instance, sys.exit(3) → finalize(self) → messages flushed, close frames sent,
-- exit code 3. arg[1] is the URL of an echo server.
local frames = 0

function init(self)
  self.url = assert(arg[1], "usage: wslua lifecycle_exit.lua -- URL")
  self.connection = websocket.connect(self.url, nil, function(s, conn, data)
    assert(rawequal(s, self), "callbacks get the instance as self")
    if data.event == websocket.EVENT_CONNECTED then
      websocket.send(conn, "ping", { type = websocket.DATA_TYPE_TEXT })
    elseif data.event == websocket.EVENT_MESSAGE then
      self.echo = data.message
    end
  end)
end

function update(self, dt)
  frames = frames + 1
  assert(dt > 0 and dt < 1, "dt is a frame's duration: " .. dt)
  if self.echo == "ping" and not self.exiting then
    self.exiting = true
    sys.exit(3)
  end
end

function finalize(self)
  print("finalize after " .. frames .. " frames")
  websocket.send(self.connection, "last words", { type = websocket.DATA_TYPE_TEXT })
  websocket.disconnect(self.connection, 1000, "finalize")
end
