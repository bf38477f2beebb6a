websocket.update("soon") --! param-type-mismatch
