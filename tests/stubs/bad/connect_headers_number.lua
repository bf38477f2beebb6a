websocket.connect("ws://localhost/", { headers = 42 }, function() end) --! param-type-mismatch
