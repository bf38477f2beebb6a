websocket.conect("ws://127.0.0.1:8080/", nil, function() end) --! undefined-field
