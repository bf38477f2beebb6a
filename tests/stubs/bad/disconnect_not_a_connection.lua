websocket.disconnect("conn") --! param-type-mismatch
