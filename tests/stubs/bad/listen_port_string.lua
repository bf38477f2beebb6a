websocket.listen("8080", 16, 1, function() end) --! param-type-mismatch
