websocket.listen(0, 16, 1, function() end, { host = 127 }) --! param-type-mismatch
