-- A lifecycle server that runs until SIGINT or SIGTERM; then finalize runs and every client is
-- closed with 1001.
function init(self)
  self.port = websocket.listen(0, 8, 5, function(_, conn, data)
    if data.event == websocket.EVENT_MESSAGE then
      websocket.send(conn, data.message, { type = data.type })
    end
  end)
  print("listening on " .. self.port)
  io.stdout:flush()
end

function finalize(self)
  print("finalize")
  io.stdout:flush()
end
