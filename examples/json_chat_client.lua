-- A Defold-style chat client with the runner's Defold globals: messages are JSON (`json`), a lost
-- or refused connection is tried again later with exponential backoff (`timer.delay`), the name
-- comes from game.project (`sys.get_config`), and what arrives is shown with `pprint`. Against
-- an echo server, its own messages come back; after three it exits.
--
--   wslua examples/json_chat_client.lua [--config game.project] -- ws://127.0.0.1:8080/
--   game.project:  [chat]  name = ada

local function connect(self)
  self.connection = websocket.connect(self.url, { timeout = 1000 }, function(s, conn, data)
    if data.event == websocket.EVENT_CONNECTED then
      s.tries = 0
      print("chat: connected as " .. s.name)
      websocket.send(conn, json.encode({ type = "say", from = s.name, text = "hello", n = 1 }),
        { type = websocket.DATA_TYPE_TEXT })
    elseif data.event == websocket.EVENT_MESSAGE then
      local message = json.decode(data.message)
      pprint(message)
      if message.n == 3 then
        sys.exit(0)
      else
        websocket.send(conn, json.encode({ type = "say", from = s.name, text = "again", n = message.n + 1 }),
          { type = websocket.DATA_TYPE_TEXT })
      end
    elseif data.event == websocket.EVENT_DISCONNECTED then
      -- Back off: 0.25 s, 0.5 s, 1 s, ... at most 4 s, plus up to half of it at random.
      s.tries = s.tries + 1
      local delay = math.min(4, 0.25 * 2 ^ (s.tries - 1)) * (1 + 0.5 * math.random())
      print(string.format("chat: %s; trying again in %.2f s", data.reason, delay))
      timer.delay(delay, false, function(again) connect(again) end)
    end
  end)
end

function init(self)
  self.url = arg[1] or "ws://127.0.0.1:8080/"
  self.name = sys.get_config("chat.name", "guest")
  self.tries = 0
  connect(self)
end
