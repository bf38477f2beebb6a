-- One open connection to its own server, then nothing: the runner must sleep, not spin.
function init(self)
  local port = websocket.listen(0, 4, 5, function() end)
  websocket.connect("ws://127.0.0.1:" .. port .. "/", nil, function(_, _, data)
    if data.event == websocket.EVENT_CONNECTED then
      print("idle")
      io.stdout:flush()
    end
  end)
end
