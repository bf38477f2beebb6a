websocket.connect("ws://127.0.0.1:8080/", nil, function(_, _, data)
  if data.event == websocket.EVENT_MESSAGE then
    print(data.mesage) --! undefined-field
  end
end)
