local params = { timeout = "3000" }
websocket.connect("ws://127.0.0.1:8080/", params, function() end) --! param-type-mismatch
