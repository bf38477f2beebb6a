websocket.subscribe("conn", "lobby") --! param-type-mismatch
