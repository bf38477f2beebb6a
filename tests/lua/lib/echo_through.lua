-- A server and a client in one process that echo numbered messages one after another, whatever
-- loop pumps the events: the shared part of the event-loop scenarios (tests/lua/loops/).
local M = {}

--- How many messages each scenario echoes (timed over all of them).
M.COUNT = 2000

--- Starts both; after the last echo calls `done(seconds_per_round_trip, finish)`, where
--- `finish(after)` closes the client and the server and calls `after()` once the client's
--- EVENT_DISCONNECTED has come.
function M.start(websocket, count, clock, done)
  local closed
  local port = websocket.listen(0, 4, 5, function(_, conn, data)
    if data.event == websocket.EVENT_MESSAGE then websocket.send(conn, data.message) end
  end)
  local sent, started = 0, 0
  websocket.connect("ws://127.0.0.1:" .. port .. "/", nil, function(_, conn, data)
    if data.event == websocket.EVENT_CONNECTED then
      started, sent = clock(), 1
      websocket.send(conn, "1")
    elseif data.event == websocket.EVENT_MESSAGE then
      assert(data.message == tostring(sent), "echo " .. sent .. " came back as " .. data.message)
      if sent < count then
        sent = sent + 1
        websocket.send(conn, tostring(sent))
      else
        done((clock() - started) / count, function(after)
          closed = after
          websocket.disconnect(conn)
        end)
      end
    elseif data.event == websocket.EVENT_DISCONNECTED then
      websocket.stop_listening(port)
      if not closed then error("the client closed before the echoes were done: " .. tostring(data.reason)) end
      closed()
    elseif data.event == websocket.EVENT_ERROR then
      error("connecting failed: " .. data.message)
    end
  end)
end

--- The same echoes pumped by `websocket.update(1)` alone: seconds per round trip.
---@return number
function M.with_update(websocket, count, clock)
  local per_trip ---@type number?
  M.start(websocket, count, clock, function(seconds, finish)
    finish(function() per_trip = seconds end)
  end)
  while not per_trip do websocket.update(1) end
  websocket.run()
  return per_trip --[[@as number]]
end

--- The line the Rust harness reads: `through_update` is `with_update` in the same process, after
--- the descriptor was made (the harness adds `update_rtt` from a process without one).
function M.report(loop, idle_cpu, through_fd, through_update, ticks)
  print(string.format("figures %s: idle_cpu=%.3f%% fd_rtt=%.1fus same_process_update_rtt=%.1fus ticks=%d",
    loop, idle_cpu * 100, through_fd * 1e6, through_update * 1e6, ticks))
end

return M
