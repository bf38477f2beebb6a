websocket.connect("wss://localhost/", { tls = { verify = "no" } }, function() end) --! param-type-mismatch
