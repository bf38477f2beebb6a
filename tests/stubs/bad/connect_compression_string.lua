websocket.connect("ws://127.0.0.1:8080/", { compression = "yes" }, function() end) --! param-type-mismatch
