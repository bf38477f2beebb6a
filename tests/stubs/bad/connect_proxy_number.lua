websocket.connect("ws://127.0.0.1:8080/", { proxy = 8080 }, function() end) --! param-type-mismatch
