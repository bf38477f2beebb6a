websocket.listen(0, 16, 1, function() end, { accept = function(_, request) return request.resourse ~= nil end }) --! undefined-field
