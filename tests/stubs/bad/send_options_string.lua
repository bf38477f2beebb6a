local function on_event(_, conn, data)
  if data.event == websocket.EVENT_CONNECTED then
    websocket.send(conn, "hello", "text") --! param-type-mismatch
  end
end
websocket.connect("ws://127.0.0.1:8080/", nil, on_event)
