websocket.listen(0, 16, 1, function() end, { accept = function() return false, "401" end }) --! return-type-mismatch
