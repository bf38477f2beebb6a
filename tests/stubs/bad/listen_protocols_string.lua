websocket.listen(0, 16, 1, function() end, { protocols = "v1" }) --! param-type-mismatch
