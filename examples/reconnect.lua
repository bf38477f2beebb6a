-- A reconnecting connection: when a connection fails or drops, try again after a delay that
-- doubles each time (exponential backoff) up to `max_delay`, spread by a random part (jitter) so
-- that many clients do not come back at the same moment. Call `:update(dt)` every frame (the
-- runner's `update(self, dt)`); `callback` gets the events of every connection it makes.
--
--   local reconnect = require "reconnect"
--   self.link = reconnect.new("ws://127.0.0.1:8080/", nil, on_event, { first_delay = 0.5 })
--   function update(self, dt) self.link:update(dt) end
local websocket = require "websocket"

---@class reconnect
---@field url string
---@field params websocket.connect_params?
---@field callback websocket.callback
---@field first_delay number seconds before the second try
---@field max_delay number the longest wait
---@field jitter number the share of a delay added at random, at most
---@field failures integer failed tries in a row, since the last connection that opened
---@field wait number? seconds until the next try, while waiting
---@field connection websocket.connection? the current connection
---@field stopped boolean? no more tries
local reconnect = {}
reconnect.__index = reconnect

---@param url string
---@param params websocket.connect_params?
---@param callback websocket.callback
---@param options { first_delay: number?, max_delay: number?, jitter: number? }?
---@return reconnect
function reconnect.new(url, params, callback, options)
  options = options or {}
  local self = setmetatable({
    url = url,
    params = params,
    callback = callback,
    first_delay = options.first_delay or 1,
    max_delay = options.max_delay or 30,
    jitter = options.jitter or 0.5,
    failures = 0,
  }, reconnect) --[[@as reconnect]]
  self:connect()
  return self
end

function reconnect:connect()
  self.wait = nil
  self.connection = websocket.connect(self.url, self.params, function(script, conn, data)
    if data.event == websocket.EVENT_CONNECTED then
      self.failures = 0
    elseif data.event == websocket.EVENT_DISCONNECTED then
      self.connection = nil
      if not self.stopped then self:retry() end
    end
    self.callback(script, conn, data)
  end)
end

function reconnect:retry()
  local delay = math.min(self.max_delay, self.first_delay * 2 ^ self.failures)
  self.failures = self.failures + 1
  self.wait = delay * (1 + self.jitter * math.random())
  print(string.format("reconnect: try %d in %.2f s", self.failures + 1, self.wait))
end

function reconnect:update(dt)
  if self.wait then
    self.wait = self.wait - dt
    if self.wait <= 0 then self:connect() end
  end
end

-- Closes the current connection, if any, and tries no more.
function reconnect:stop()
  self.stopped = true
  self.wait = nil
  if self.connection then websocket.disconnect(self.connection) end
end

return reconnect
