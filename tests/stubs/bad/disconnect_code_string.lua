local conn = websocket.connect("ws://127.0.0.1:8080/", nil, function() end)
websocket.disconnect(conn, "normal") --! param-type-mismatch
