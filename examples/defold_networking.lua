-- Defold's networking built-ins together, as a game's login-then-play code uses them: an HTTP
-- login (`http.request`, Basic credentials from `crypt`), a session kept between runs (`sys.save`
-- / `sys.load` in `sys.get_save_file`), then a websocket whose binary messages are compressed
-- (`zlib`) and carry a checksum (`bit`), timed with `socket.gettime`. The game server here is a
-- `websocket.listen` echo on loopback; the login server is any HTTP server answering POST.
--
--   python3 -m http.server 8000 --bind 127.0.0.1 &      (answers POST with 501: fine for a try)
--   wslua examples/defold_networking.lua -- http://127.0.0.1:8000/login

local function checksum(text)
  local sum = 0
  for i = 1, #text do
    sum = bit.band(bit.bxor(bit.rol(sum, 5), text:byte(i)), 0x7fffffff)
  end
  return sum
end

local function on_server_event(_, conn, data)
  if data.event == websocket.EVENT_MESSAGE then
    websocket.send(conn, data.message, { type = data.type })
  end
end

local function on_client_event(self, conn, data)
  if data.event == websocket.EVENT_CONNECTED then
    local state = json.encode({ player = self.player, runs = self.session.runs, moves = { 1, 2, 3 } })
    self.sent = state
    local packet = zlib.deflate(state)
    print(string.format("game: sending %d bytes as %d compressed, checksum %08x", #state, #packet, checksum(state)))
    websocket.send(conn, packet, { type = websocket.DATA_TYPE_BINARY })
  elseif data.event == websocket.EVENT_MESSAGE then
    local state = zlib.inflate(data.message)
    assert(state == self.sent and checksum(state) == checksum(self.sent), "the echo is what was sent")
    print(string.format("game: echo verified after %.1f ms", (socket.gettime() - self.started) * 1000))
    sys.exit(0)
  end
end

local function on_login(self, _, response)
  if response.status == 0 then
    print("login: offline (" .. response.error .. ")")
    sys.exit(1)
    return
  end
  -- Any answer will do for the demo; a real login would read a token from it.
  local token = crypt.encode_base64(crypt.hash_sha256(response.response or ""))
  print(string.format("login: status %d, token %s...", response.status, token:sub(1, 12)))
  self.session.token = token
  sys.save(self.path, self.session)
  local port = websocket.listen(0, 4, 5, on_server_event)
  websocket.connect("ws://127.0.0.1:" .. port .. "/game", nil, on_client_event)
end

function init(self)
  self.started = socket.gettime()
  self.player = "ada"
  self.path = sys.get_save_file("wslua_defold_networking", "session")
  self.session = sys.load(self.path)
  self.session.runs = (self.session.runs or 0) + 1
  print(string.format("session: run %d (saved in %s)", self.session.runs, self.path))
  local credentials = "Basic " .. crypt.encode_base64(self.player .. ":secret")
  http.request(arg[1] or "http://127.0.0.1:8000/login", "POST", on_login,
    { ["Content-Type"] = "application/json", Authorization = credentials },
    json.encode({ player = self.player }), { timeout = 5 })
end

function finalize(self)
  print(string.format("done after %.1f ms", (socket.gettime() - self.started) * 1000))
end
