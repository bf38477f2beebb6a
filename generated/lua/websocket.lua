---@meta websocket
-- Generated from api.yaml by wslua-codegen — do not edit.
-- LuaLS / EmmyLua annotations for the `websocket` module: add this folder to
-- `workspace.library` in .luarc.json or .emmyrc.json.

---Websocket client and server for Lua.
---
--- Functions and constants for using websockets: `ws://` and `wss://` clients and a `ws://`
--- server. The API is that of Defold's `extension-websocket`; scripts written for it run
--- unchanged. Everything marked *extension* is a wslua addition that never changes the meaning
--- of a reference call.
---
--- Events are delivered to the callback given to `connect` or `listen`, on the Lua thread, in
--- order per connection. Every connection ends with exactly one `EVENT_DISCONNECTED`.
---
---Configuration, `[websocket]` in game.project: Read from the `[websocket]` section of `game.project` (the `wslua` runner's `--config FILE`, or `./game.project` if it exists).
---* `debug` (integer, default `0`): Log level: `0` logs nothing, `1` logs connection state changes, `2` also logs every message (truncated). Logs go to stderr.
---* `socket_timeout` (integer, microseconds, default `500000`): Timeout of a TCP connect attempt when the host name has further addresses to try, so that one unreachable address does not use up the whole connection sequence, which is bounded by the `timeout` of `connect`.
---* `max_message_size` (integer, bytes, default `67108864`) *(wslua extension)*: The largest message accepted from a peer; a larger one closes that connection with code `1009`.
---* `max_send_queue` (integer, bytes, default `67108864`) *(wslua extension)*: The most bytes given to `send` and not yet written to a connection. A peer that stops reading would otherwise make it grow without bound: past the limit the connection is closed with code `1008` and a reason that says so.
---* `ping_interval` (number, seconds, default `30`) *(wslua extension)*: After this long without hearing from a peer, send it a ping; `0` never pings.
---* `ping_timeout` (number, seconds, default `30`) *(wslua extension)*: A peer that answers nothing this long after a ping is closed as lost: `EVENT_DISCONNECTED` with code `1006` and a reason that says so.
---* `close_timeout` (number, seconds, default `5`) *(wslua extension)*: How long a closing connection waits for the peer to answer its close frame before the socket is dropped anyway. The connection's `EVENT_DISCONNECTED` comes at the latest then.
---* `buffer_size` (integer, bytes, default `0`): Accepted for compatibility with older versions of the reference, which used it to size the receive buffer. wslua grows its buffers as needed and ignores it.
---@class websocket
websocket = {}

---The kind of event a callback receives, in `data.event`.
---@alias websocket.event
---| `websocket.EVENT_CONNECTED` # The websocket was connected (for a server, a client connected to it).
---| `websocket.EVENT_DISCONNECTED` # The websocket disconnected. This is always the last event of a connection.
---| `websocket.EVENT_MESSAGE` # The websocket received a message.
---| `websocket.EVENT_ERROR` # The websocket encountered an error, for example a refused or failed connection attempt. An `EVENT_DISCONNECTED` always follows.

--- The websocket was connected (for a server, a client connected to it).
---@type websocket.event
websocket.EVENT_CONNECTED = 0

--- The websocket disconnected. This is always the last event of a connection.
---@type websocket.event
websocket.EVENT_DISCONNECTED = 1

--- The websocket received a message.
---@type websocket.event
websocket.EVENT_MESSAGE = 2

--- The websocket encountered an error, for example a refused or failed connection attempt. An `EVENT_DISCONNECTED` always follows.
---@type websocket.event
websocket.EVENT_ERROR = 3

---The kind of a websocket message, in `options.type` of `send` and `data.type`.
---@alias websocket.data_type
---| `websocket.DATA_TYPE_TEXT` # A text message; its payload must be valid UTF-8.
---| `websocket.DATA_TYPE_BINARY` # A binary message; any bytes.

--- A text message; its payload must be valid UTF-8.
---@type websocket.data_type
websocket.DATA_TYPE_TEXT = 1

--- A binary message; any bytes.
---@type websocket.data_type
websocket.DATA_TYPE_BINARY = 2

--- A websocket connection, client or server side. `tostring(connection)` gives `websocket.connection: <id>`; the same connection is always the same value, so it can key a table. Using it after its `EVENT_DISCONNECTED` raises an error.
---@class websocket.connection: userdata

--- Optional parameters of `connect`.
---@class websocket.connect_params
---@field timeout? integer Timeout for the whole connection sequence: name lookup, TCP connect, TLS and the websocket handshake. `0` waits as long as the system does. (milliseconds; at least `0`; default `3000`)
---@field protocol? string The subprotocol to ask for (e.g. `"chat"`), sent as `Sec-WebSocket-Protocol`. If not set, no `Sec-WebSocket-Protocol` header is sent.
---@field headers? string Extra HTTP headers for the handshake request, as `"Name: value"` lines separated by `"\r\n"`. Headers that the handshake itself owns (`Sec-WebSocket-Key`, `Upgrade`, ...) are rejected with an error before anything is sent.

--- Optional parameters of `send`.
---@class websocket.send_options
---@field type? websocket.data_type The data type of the message. (default `DATA_TYPE_BINARY`)

--- The HTTP response of a refused websocket handshake.
---@class websocket.handshake_response
---@field status integer The HTTP status code, e.g. `404`.
---@field headers table<string, string> The response headers, names in lower case. A header that appears more than once has its values joined with `", "`.
---@field response string The response body, read to its end as the server frames it (`Content-Length`, chunked, or until the server closes) within the connection's `timeout`; at most 64 KiB of it.

--- The event payload passed to a callback.
---@class websocket.callback_data
---@field event websocket.event The current event.
---@field message string The received data if the event is `EVENT_MESSAGE`; the error text if it is `EVENT_ERROR`. (on EVENT_MESSAGE, EVENT_ERROR)
---@field type websocket.data_type *(wslua extension)* Whether the message was text or binary. (on EVENT_MESSAGE)
---@field handshake_response? websocket.handshake_response Present when the server answered the handshake with something other than `101`. (on EVENT_ERROR)
---@field code integer The close status code (RFC 6455 section 7.4): the code from the peer's close frame, the code given to `disconnect`, `1005` if a close frame carried none, `1006` if the connection was lost without a close frame. (on EVENT_DISCONNECTED)
---@field reason string *(wslua extension)* The close reason text from the close frame, empty if there was none; for code `1006`, what ended the connection. (on EVENT_DISCONNECTED)
---@field request_method? string The HTTP method of the upgrade request. Server connections only. (on EVENT_CONNECTED)
---@field request_resource? string The path and query of the upgrade request. Server connections only. (on EVENT_CONNECTED)
---@field request_headers? table<string, string> *(wslua extension)* The headers of the upgrade request, names in lower case, repeated headers joined with `", "`. Server connections only. (on EVENT_CONNECTED)
---@field ip_address? string The IP address of the connecting client. Server connections only. (on EVENT_CONNECTED)
---@field port? integer The port of the connecting client. Server connections only. (on EVENT_CONNECTED)

--- Receives every event of a connection (for `listen`, of every connection to the server).
---* `self`: The script instance that registered the callback (the `self` of `init` in the `wslua` runner's script lifecycle; `nil` in module mode).
---* `connection`: The connection the event belongs to.
---* `data`: The event payload.
---@alias websocket.callback fun(self: any, connection: websocket.connection, data: websocket.callback_data)

--- Connects to a remote address.
---
---Connect, send a greeting once connected, print what comes back.
---```lua
--- local function websocket_callback(self, conn, data)
---   if data.event == websocket.EVENT_CONNECTED then
---     websocket.send(conn, "Hello from the other side", { type = websocket.DATA_TYPE_TEXT })
---   elseif data.event == websocket.EVENT_MESSAGE then
---     print("Receiving: " .. data.message)
---   elseif data.event == websocket.EVENT_ERROR then
---     print("Error: " .. data.message)
---   elseif data.event == websocket.EVENT_DISCONNECTED then
---     print("Disconnected: " .. data.code)
---   end
--- end
---
--- function init(self)
---   local params = { timeout = 3000, protocol = "chat" }
---   self.connection = websocket.connect("ws://127.0.0.1:8080/chat", params, websocket_callback)
--- end
---
--- function finalize(self)
---   if self.connection ~= nil then
---     websocket.disconnect(self.connection)
---   end
--- end
---```
---@param url string URL of the remote connection: `ws://` or `wss://` (`http://` and `https://` are accepted and mean the same), with a host name, an IPv4 address or a bracketed IPv6 address, and an optional port, path and query.
---@param params? websocket.connect_params Optional parameters as properties; may be `nil`.
---@param callback websocket.callback Callback that receives all events of the connection.
---@return websocket.connection connection The connection. Its events arrive at `callback`, `EVENT_CONNECTED` first.
function websocket.connect(url, params, callback) end

--- Sends a message on a connected websocket. Raises `send: connection is not connected` if the connection has not yet delivered `EVENT_CONNECTED` or is closing. Never blocks: the message is queued and written in the background, in order.
---
---Send a text and a binary message.
---```lua
--- websocket.send(conn, "Hello", { type = websocket.DATA_TYPE_TEXT })
--- websocket.send(conn, "\0\1\2\255")  -- binary is the default
---```
---@param connection websocket.connection The websocket connection.
---@param message string The message to send.
---@param options? websocket.send_options Options for this particular message; may be `nil`.
function websocket.send(connection, message, options) end

--- Explicitly closes a websocket. Messages already given to `send` are written first, then the close frame. The callback receives `EVENT_DISCONNECTED` once the close is complete.
---
---Close with a code and a reason.
---```lua
--- websocket.disconnect(conn, 4000, "game over")
---```
---@param connection websocket.connection The websocket connection.
---@param code? integer *(wslua extension)* The close status code: `1000` or `3000`..`4999`, or one of `1001`..`1003`, `1007`..`1011` (RFC 6455 section 7.4). (default `1000`)
---@param reason? string *(wslua extension)* The close reason, at most 123 bytes of UTF-8.
function websocket.disconnect(connection, code, reason) end

--- Starts a non-secure (`ws://`) websocket server on every local address (IPv4 and IPv6). Incoming connections are reported to `callback` with `EVENT_CONNECTED`, whose `data` carries the request and the peer's address. Only one server can listen at a time.
---
---An echo server.
---```lua
--- local function on_event(self, conn, data)
---   if data.event == websocket.EVENT_MESSAGE then
---     websocket.send(conn, data.message, { type = data.type })
---   end
--- end
---
--- function init(self)
---   websocket.listen(8080, 16, 1, on_event)
--- end
---
--- function finalize(self)
---   websocket.stop_listening()
--- end
---```
---@param port integer The port to listen on; `0` picks a free port (*extension*).
---@param max_connections integer The most connections served at once; further clients are answered `503 Service Unavailable`.
---@param connection_timeout number How long a client may take to complete its handshake before it is dropped. (seconds)
---@param callback websocket.callback Callback that receives the events of every connection to the server.
---@return integer port *(wslua extension)* The port the server is bound to (useful with port `0`).
function websocket.listen(port, max_connections, connection_timeout, callback) end

--- Stops the server: no new connections are accepted, and every connection to it is closed with code `1001` (each gets its `EVENT_DISCONNECTED`).
---
---Stop the server when the script ends.
---```lua
--- function finalize(self)
---   websocket.stop_listening()
--- end
---```
function websocket.stop_listening() end

--- *(wslua extension)* Dispatches pending events to their callbacks, for scripts that `require "websocket"` from a stock interpreter (the `wslua` runner dispatches by itself). Waits up to `timeout` seconds for the first event if none is pending, without using the CPU.
---
---A main loop that also does other work.
---```lua
--- local websocket = require "websocket"
--- while running do
---   websocket.update(0.01)
---   do_other_work()
--- end
---```
---@param timeout? number How long to wait for a first event; `0` returns at once. (seconds; `0` to `86400`; default `0`)
---@return integer count The number of events dispatched.
function websocket.update(timeout) end

--- *(wslua extension)* Dispatches events as they arrive until no connection and no server is left, for scripts that `require "websocket"` from a stock interpreter.
---
---Connect, then hand control to the event loop.
---```lua
--- local websocket = require "websocket"
--- websocket.connect("ws://127.0.0.1:8080/", nil, function(_, conn, data)
---   if data.event == websocket.EVENT_CONNECTED then
---     websocket.disconnect(conn)
---   end
--- end)
--- websocket.run()
---```
function websocket.run() end

return websocket
