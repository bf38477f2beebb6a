-- Shared by the scenarios: assertions that say what differed, and an echo server.
local websocket = require "websocket"
local check = {}

function check.eq(got, want, what)
  if got ~= want then
    error(string.format("%s: got %s, want %s", what, tostring(got), tostring(want)), 2)
  end
end

-- A server on a free port that echoes every message with its type; returns the port.
function check.echo_server(max_connections)
  return websocket.listen(0, max_connections or 8, 5, function(_, conn, data)
    if data.event == websocket.EVENT_MESSAGE then
      websocket.send(conn, data.message, { type = data.type })
    end
  end)
end

-- Runs the event loop until `done()` is true (or nothing is left open); fails after `seconds`.
function check.run_until(done, seconds)
  local deadline = os.time() + (seconds or 20)
  while not done() do
    websocket.update(0.1)
    assert(os.time() <= deadline, "timed out")
  end
end

return check
