websocket.listen(0, 16, 1, function() end, { tls = { certificate = "server.pem", key = 7 } }) --! param-type-mismatch
