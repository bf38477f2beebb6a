websocket.listen(0, 16, 1, function() end, { compression = 1 }) --! param-type-mismatch
