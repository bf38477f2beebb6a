-- The Defold script lifecycle in the wslua runner: init(self) once, update(self, dt) every frame
-- (game.project [display] update_frequency, default 60), finalize(self) at the end. Callbacks
-- receive the same `self`. Here a server and a client on loopback send a tick every half
-- second; after three echoes the script calls sys.exit(0).
--
--   wslua examples/defold_style.lua

local function on_server_event(self, conn, data)
  if data.event == websocket.EVENT_MESSAGE then
    websocket.send(conn, data.message, { type = data.type })
  end
end

local function on_client_event(self, conn, data)
  if data.event == websocket.EVENT_CONNECTED then
    self.connected = true
  elseif data.event == websocket.EVENT_MESSAGE then
    self.echoes = self.echoes + 1
    print(string.format("t=%.2fs echo: %s", self.time, data.message))
  elseif data.event == websocket.EVENT_DISCONNECTED then
    self.connection = nil
  end
end

function init(self)
  self.time, self.next_tick, self.echoes = 0, 0, 0
  local port = websocket.listen(0, 4, 5, on_server_event)
  self.connection = websocket.connect("ws://127.0.0.1:" .. port .. "/", nil, on_client_event)
end

function update(self, dt)
  self.time = self.time + dt
  if self.connected and self.time >= self.next_tick then
    self.next_tick = self.next_tick + 0.5
    websocket.send(self.connection, "tick at " .. string.format("%.2f", self.time), { type = websocket.DATA_TYPE_TEXT })
  end
  if self.echoes == 3 then
    sys.exit(0)
  end
end

function finalize(self)
  print("finalize: closing")
  if self.connection then
    websocket.disconnect(self.connection)
  end
  websocket.stop_listening()
end
