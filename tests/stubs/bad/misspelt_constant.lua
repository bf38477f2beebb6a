local function on_event(_, _, data)
  if data.event == websocket.EVENT_CONECTED then --! undefined-field
    print("connected")
  end
end
websocket.connect("ws://127.0.0.1:8080/", nil, on_event)
