-- A producer against a peer that stops reading (tests/peers/flow_client.py slow): it sends COUNT
-- numbered 64 KiB messages at once; send's return value and stats.buffered grow; when the peer
-- reads again (it says "reading" first) the queue empties and exactly one EVENT_DRAIN arrives,
-- with buffered 0. (While the peer's buffers were still filling, the queue may have emptied
-- after passing the threshold: such a drain comes before "reading".)
-- Prints the port, then one line of results when the peer has closed.
-- Usage: SCRIPT COUNT (under the runner: wslua SCRIPT -- COUNT)
local websocket = require "websocket"
local count = assert(tonumber(arg[1]), "usage: slow_reader_server.lua COUNT")
local padding = string.rep("x", 64 * 1024)
local returns, drains, after_drain, reading = {}, 0, nil, false

local port = websocket.listen(0, 4, 5, function(_, conn, data)
  if data.event == websocket.EVENT_CONNECTED then
    for i = 0, count - 1 do
      returns[#returns + 1] = websocket.send(conn, "n:" .. i .. ":" .. padding, { type = websocket.DATA_TYPE_TEXT })
    end
    returns.stats = websocket.stats(conn).buffered
  elseif data.event == websocket.EVENT_MESSAGE then
    reading = data.message == "reading"
  elseif data.event == websocket.EVENT_DRAIN and reading then
    drains = drains + 1
    assert(data.buffered == 0, "data.buffered on EVENT_DRAIN")
    after_drain = websocket.stats(conn).buffered
  elseif data.event == websocket.EVENT_DISCONNECTED then
    local growing = returns[#returns] > returns[1] and returns.stats > 0
    print(string.format("first %d last %d stats %d growing %s drains %d after %s", returns[1], returns[#returns],
      returns.stats, tostring(growing), drains, tostring(after_drain)))
    websocket.stop_listening()
  end
end, { drain_threshold = 1024 * 1024 })
print("port " .. port)
io.stdout:flush()
websocket.run()
