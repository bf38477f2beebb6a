local conn = websocket.connect(42, nil, function() end) --! param-type-mismatch
return conn
