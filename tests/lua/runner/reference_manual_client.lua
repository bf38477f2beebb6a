-- The reference manual's client example, unchanged between the markers below. Around it: stubs
-- for its update_gui/log helpers, an echo server on loopback standing in for echo.websocket.org
-- (websocket.connect is wrapped to dial it), and an update() that sends one message and exits
-- once its echo is back.
function update_gui(self) end
function log(...) print(...) end

local echo_port = websocket.listen(0, 4, 5, function(_, conn, data)
  if data.event == websocket.EVENT_MESSAGE then websocket.send(conn, data.message) end
end)
local events = {}
local real_connect = websocket.connect
websocket.connect = function(url, params, callback)
  print("dialing the local echo server for " .. url)
  return real_connect("ws://127.0.0.1:" .. echo_port .. "/", params, function(self, conn, data)
    callback(self, conn, data)
    events[data.event] = true
  end)
end

-- ---- reference manual example, verbatim ----
local function websocket_callback(self, conn, data)
    if data.event == websocket.EVENT_DISCONNECTED then
        print("Disconnected: " .. tostring(conn))
        self.connection = nil
        update_gui(self)
    elseif data.event == websocket.EVENT_CONNECTED then
        update_gui(self)
        print("Connected: " .. tostring(conn))
    elseif data.event == websocket.EVENT_ERROR then
        print("Error: '" .. tostring(data.message) .. "'")
        if data.handshake_response then
            print("Handshake response status: '" .. tostring(data.handshake_response.status) .. "'")
            for key, value in pairs(data.handshake_response.headers) do
                log("Handshake response header: '" .. key .. ": " .. value .. "'")
            end
            print("Handshake response body: '" .. tostring(data.handshake_response.response) .. "'")
        end
    elseif data.event == websocket.EVENT_MESSAGE then
        print("Receiving: '" .. tostring(data.message) .. "'")
    end
end

function init(self)
    self.url = "ws://echo.websocket.org"
    local params = {}
    self.connection = websocket.connect(self.url, params, websocket_callback)
end

function finalize(self)
    if self.connection ~= nil then
        websocket.disconnect(self.connection)
    end
end
-- ---- end of the reference manual example ----

function update(self, dt)
  if events[websocket.EVENT_CONNECTED] and not self.sent then
    self.sent = true
    websocket.send(self.connection, "hello from the manual")
  elseif events[websocket.EVENT_MESSAGE] and not self.done then
    self.done = true
    sys.exit(0)
  end
end
