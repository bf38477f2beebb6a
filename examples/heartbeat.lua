-- A heartbeat with a latency display, Defold style: every half second the client sends a beat
-- carrying the frame it left on, the server echoes it, and the client shows how many frames the
-- round trip took (a game's display needs no finer clock than its frames). The keepalive
-- (`ping_interval`, `ping_timeout` in game.project) is what closes a peer that stops answering,
-- with 1006; the heartbeat shows how far the peer is while it answers.
--
--   wslua examples/heartbeat.lua [BEATS]
local beats = math.floor(tonumber(arg and arg[1]) or 3)

function init(self)
  self.frame, self.since_beat, self.beats, self.frame_time = 0, 0, 0, 1 / 60
  local port = websocket.listen(0, 4, 5, function(_, conn, data)
    if data.event == websocket.EVENT_MESSAGE then
      websocket.send(conn, data.message, { type = data.type })
    end
  end)
  self.conn = websocket.connect("ws://127.0.0.1:" .. port .. "/", nil, function(s, _, data)
    if data.event == websocket.EVENT_CONNECTED then
      s.connected = true
    elseif data.event == websocket.EVENT_MESSAGE then
      local frames = s.frame - (tonumber(data.message:match("^beat (%d+)$")) or 0)
      s.beats = s.beats + 1
      print(string.format("heartbeat %d: back within %d frame(s), under %.0f ms", s.beats, frames + 1,
        (frames + 1) * s.frame_time * 1000))
      if s.beats == beats then sys.exit(0) end
    end
  end)
end

function update(self, dt)
  self.frame, self.frame_time = self.frame + 1, dt
  self.since_beat = self.since_beat + dt
  if self.connected and self.since_beat >= 0.5 then
    self.since_beat = 0
    websocket.send(self.conn, "beat " .. self.frame, { type = websocket.DATA_TYPE_TEXT })
  end
end

function finalize(self)
  websocket.stop_listening()
end
