-- A server on 127.0.0.1 with one place (max_connections = 1), a connection_timeout of 1 s
-- and an accept hook that answers by path: /ok accepted; /deny refused with 401 and a body;
-- /plain refused with the defaults; /error raises; /bad-status returns a status that is not a
-- refusal; /slow takes longer than connection_timeout. Prints its port, then "connected PATH"
-- and "disconnected PATH" for each connection, until SIGTERM.
---@type table<string, fun(): boolean, integer?, string?>
local hooks = {
  ["/ok"] = function() return true end,
  ["/deny"] = function() return false, 401, "no token\n" end,
  ["/plain"] = function() return false end,
  ["/error"] = function() error("hook failed on purpose") end,
  ["/bad-status"] = function() return false, 200 end,
  ["/slow"] = function()
    os.execute("sleep 1.5")
    return true
  end,
}

local paths = {}
local port = websocket.listen(0, 1, 1, function(_, conn, data)
  if data.event == websocket.EVENT_CONNECTED then
    paths[conn] = data.request_resource
    print("connected " .. data.request_resource)
  elseif data.event == websocket.EVENT_DISCONNECTED then
    print("disconnected " .. paths[conn])
    paths[conn] = nil
  end
  io.stdout:flush()
end, {
  host = "127.0.0.1",
  accept = function(_, request)
    local hook = hooks[request.resource] or error("no hook for " .. request.resource)
    return hook()
  end,
})
print("port " .. port)
io.stdout:flush()
