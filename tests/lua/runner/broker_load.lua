-- A runner under a steady publish load, for the broker-fault tests of tests/cluster.rs:
--   wslua broker_load.lua --config game.project -- NAME RATE
-- publishes "NAME:N" on the channel "load" RATE times a second, counts what a Lua subscriber of
-- "load" gets from itself (local) and from other processes (remote), and every 0.25 s prints one
-- JSON line: published, local, remote, and broker_status()'s state, relayed and unrelayed.
local name = assert(arg[1], "usage: broker_load.lua -- NAME RATE")
local rate = assert(tonumber(arg[2]), "usage: broker_load.lua -- NAME RATE")
local prefix = name .. ":"

function init(self)
  self.published, self.own, self.remote = 0, 0, 0
  websocket.subscribe(function(_, _, message)
    if message:sub(1, #prefix) == prefix then self.own = self.own + 1 else self.remote = self.remote + 1 end
  end, "load")
  timer.delay(1 / rate, true, function(s)
    s.published = s.published + 1
    websocket.publish("load", prefix .. s.published, { type = websocket.DATA_TYPE_TEXT })
  end)
  timer.delay(0.25, true, function(s)
    local status = websocket.broker_status()
    print(json.encode({
      published = s.published, ["local"] = s.own, remote = s.remote,
      state = status.state, relayed = status.relayed, unrelayed = status.unrelayed,
    }))
  end)
end
