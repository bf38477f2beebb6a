// Generated from api.yaml, runner.yaml and docs/ by wslua-codegen — do not edit.
window.WSLUA_SEARCH = [
  {
    "name": "websocket.connect",
    "kind": "function",
    "text": "Connects to a remote address.",
    "href": "reference.html#connect"
  },
  {
    "name": "connect.url",
    "kind": "parameter",
    "text": "URL of the remote connection: `ws://` or `wss://` (`http://` and `https://` are accepted and mean the same), with a host name, an IPv4 address or a bracketed IPv6 address, and an optional port, path and query.",
    "href": "reference.html#connect.url"
  },
  {
    "name": "connect.params",
    "kind": "parameter",
    "text": "Optional parameters as properties; may be `nil`.",
    "href": "reference.html#connect.params"
  },
  {
    "name": "connect.callback",
    "kind": "parameter",
    "text": "Callback that receives all events of the connection.",
    "href": "reference.html#connect.callback"
  },
  {
    "name": "websocket.send",
    "kind": "function",
    "text": "Sends a message on a connected websocket. Raises `send: connection is not connected` if the connection has not yet delivered `EVENT_CONNECTED` or is closing. Never blocks: the message is queued and written in the background, in order.",
    "href": "reference.html#send"
  },
  {
    "name": "send.connection",
    "kind": "parameter",
    "text": "The websocket connection.",
    "href": "reference.html#send.connection"
  },
  {
    "name": "send.message",
    "kind": "parameter",
    "text": "The message to send.",
    "href": "reference.html#send.message"
  },
  {
    "name": "send.options",
    "kind": "parameter",
    "text": "Options for this particular message; may be `nil`.",
    "href": "reference.html#send.options"
  },
  {
    "name": "websocket.disconnect",
    "kind": "function",
    "text": "Explicitly closes a websocket. Messages already given to `send` are written first, then the close frame. The callback receives `EVENT_DISCONNECTED` once the close is complete.",
    "href": "reference.html#disconnect"
  },
  {
    "name": "disconnect.connection",
    "kind": "parameter",
    "text": "The websocket connection.",
    "href": "reference.html#disconnect.connection"
  },
  {
    "name": "disconnect.code",
    "kind": "parameter",
    "text": "The close status code: `1000` or `3000`..`4999`, or one of `1001`..`1003`, `1007`..`1011` (RFC 6455 section 7.4).",
    "href": "reference.html#disconnect.code"
  },
  {
    "name": "disconnect.reason",
    "kind": "parameter",
    "text": "The close reason, at most 123 bytes of UTF-8.",
    "href": "reference.html#disconnect.reason"
  },
  {
    "name": "websocket.listen",
    "kind": "function",
    "text": "Starts a non-secure (`ws://`) websocket server on every local address (IPv4 and IPv6), or on `options.host`. Incoming connections are reported to `callback` with `EVENT_CONNECTED`, whose `data` carries the request and the peer's address. Several servers may run at once, on different ports (*extension*).",
    "href": "reference.html#listen"
  },
  {
    "name": "listen.port",
    "kind": "parameter",
    "text": "The port to listen on; `0` picks a free port (*extension*).",
    "href": "reference.html#listen.port"
  },
  {
    "name": "listen.max_connections",
    "kind": "parameter",
    "text": "The most connections served at once; further clients are answered `503 Service Unavailable`.",
    "href": "reference.html#listen.max_connections"
  },
  {
    "name": "listen.connection_timeout",
    "kind": "parameter",
    "text": "How long a client may take to complete its handshake before it is dropped.",
    "href": "reference.html#listen.connection_timeout"
  },
  {
    "name": "listen.callback",
    "kind": "parameter",
    "text": "Callback that receives the events of every connection to the server.",
    "href": "reference.html#listen.callback"
  },
  {
    "name": "listen.options",
    "kind": "parameter",
    "text": "The server's own settings; may be `nil`.",
    "href": "reference.html#listen.options"
  },
  {
    "name": "websocket.stop_listening",
    "kind": "function",
    "text": "Stops the server: no new connections are accepted, and every connection to it is closed with code `1001` (each gets its `EVENT_DISCONNECTED`). Without a port, every server stops.",
    "href": "reference.html#stop_listening"
  },
  {
    "name": "stop_listening.port",
    "kind": "parameter",
    "text": "The port of the server to stop; all servers when `nil`.",
    "href": "reference.html#stop_listening.port"
  },
  {
    "name": "websocket.broadcast",
    "kind": "function",
    "text": "Sends one message to many connections: it is framed once and the same buffer is queued on each, so the payload is neither copied out of Lua nor framed again per connection. Connections that are not connected (yet, or any more) are skipped. A connection whose queue would pass `max_send_queue` is closed with `1008`, as with `send`, and the others get the message.",
    "href": "reference.html#broadcast"
  },
  {
    "name": "broadcast.connections",
    "kind": "parameter",
    "text": "The connections, as a sequence.",
    "href": "reference.html#broadcast.connections"
  },
  {
    "name": "broadcast.message",
    "kind": "parameter",
    "text": "The message to send.",
    "href": "reference.html#broadcast.message"
  },
  {
    "name": "broadcast.options",
    "kind": "parameter",
    "text": "Options of the message, as for `send`; may be `nil`.",
    "href": "reference.html#broadcast.options"
  },
  {
    "name": "websocket.subscribe",
    "kind": "function",
    "text": "Adds a connection, or a Lua function, to a channel: every message `publish`ed on it afterwards, in this process or (with a broker) in any process sharing the broker, is queued on the connection (as by `send`) or passed to the function. A connection leaves all its channels when it disconnects. Subscribing twice is subscribing once.",
    "href": "reference.html#subscribe"
  },
  {
    "name": "subscribe.subscriber",
    "kind": "parameter",
    "text": "A connection, or a function `(self, channel, message, type)`.",
    "href": "reference.html#subscribe.subscriber"
  },
  {
    "name": "subscribe.channel",
    "kind": "parameter",
    "text": "The channel's name, 1 to 256 bytes.",
    "href": "reference.html#subscribe.channel"
  },
  {
    "name": "websocket.unsubscribe",
    "kind": "function",
    "text": "Removes a connection, or a function, from a channel; nothing if it was not in it.",
    "href": "reference.html#unsubscribe"
  },
  {
    "name": "unsubscribe.subscriber",
    "kind": "parameter",
    "text": "The connection, or the same function given to `subscribe`.",
    "href": "reference.html#unsubscribe.subscriber"
  },
  {
    "name": "unsubscribe.channel",
    "kind": "parameter",
    "text": "The channel's name.",
    "href": "reference.html#unsubscribe.channel"
  },
  {
    "name": "websocket.publish",
    "kind": "function",
    "text": "Sends a message to every subscriber of a channel: the connections and functions of this process at once, framed once as by `broadcast`, and through the broker (when one is configured and up) to those of every other process, each of which delivers it once. A process's own publish is not delivered to it twice. While the broker is down, the message reaches this process's subscribers only, and `broker_status().unrelayed` counts it.",
    "href": "reference.html#publish"
  },
  {
    "name": "publish.channel",
    "kind": "parameter",
    "text": "The channel's name, 1 to 256 bytes.",
    "href": "reference.html#publish.channel"
  },
  {
    "name": "publish.message",
    "kind": "parameter",
    "text": "The message.",
    "href": "reference.html#publish.message"
  },
  {
    "name": "publish.options",
    "kind": "parameter",
    "text": "Options of the message, as for `send`; may be `nil`.",
    "href": "reference.html#publish.options"
  },
  {
    "name": "websocket.broker_status",
    "kind": "function",
    "text": "How the channels' broker is doing.",
    "href": "reference.html#broker_status"
  },
  {
    "name": "websocket.stats",
    "kind": "function",
    "text": "What a connection has sent, received and queued, and the last round trip of a ping. Raises `stats: connection is closed` after its `EVENT_DISCONNECTED`.",
    "href": "reference.html#stats"
  },
  {
    "name": "stats.connection",
    "kind": "parameter",
    "text": "The websocket connection.",
    "href": "reference.html#stats.connection"
  },
  {
    "name": "websocket.ping",
    "kind": "function",
    "text": "Sends a ping now; its pong sets `stats(connection).rtt`. The keepalive's pings set it too.",
    "href": "reference.html#ping"
  },
  {
    "name": "ping.connection",
    "kind": "parameter",
    "text": "The websocket connection.",
    "href": "reference.html#ping.connection"
  },
  {
    "name": "websocket.update",
    "kind": "function",
    "text": "Dispatches pending events to their callbacks, for scripts that `require \"websocket\"` from a stock interpreter (the `wslua` runner dispatches by itself). Waits up to `timeout` seconds for the first event if none is pending, without using the CPU.",
    "href": "reference.html#update"
  },
  {
    "name": "update.timeout",
    "kind": "parameter",
    "text": "How long to wait for a first event; `0` returns at once.",
    "href": "reference.html#update.timeout"
  },
  {
    "name": "websocket.run",
    "kind": "function",
    "text": "Dispatches events as they arrive until no connection and no server is left, for scripts that `require \"websocket\"` from a stock interpreter.",
    "href": "reference.html#run"
  },
  {
    "name": "websocket.event_fd",
    "kind": "function",
    "text": "A file descriptor for a program that waits in an event loop of its own (luv, cqueues, LuaSocket's `select`, a game's frame loop): it is readable while events are pending and, on Linux, as soon as a connection's socket has data, which the next `websocket.update` then reads on your thread (so a message through the descriptor waits for no other thread). Watch it for reading and call `websocket.update(0)` when it is readable; never read it yourself. It is level-triggered as loops see it (it stays readable until `update` has taken every pending event, so an `update` that stops early leaves it readable), and every event or arrival after that makes it readable again, so an edge-triggered watcher misses nothing either. Every call returns the same descriptor; it is close-on-exec, and a child made by `fork` must not use it (nor the module). On Linux it is an epoll set holding an `eventfd` and the connections' sockets, elsewhere on Unix a pipe.",
    "href": "reference.html#event_fd"
  },
  {
    "name": "websocket.connection",
    "kind": "handle",
    "text": "A websocket connection, client or server side. `tostring(connection)` gives `websocket.connection: <id>`; the same connection is always the same value, so it can key a table. Using it after its `EVENT_DISCONNECTED` raises an error.",
    "href": "reference.html#connection"
  },
  {
    "name": "websocket.connect_params",
    "kind": "table",
    "text": "Optional parameters of `connect`.",
    "href": "reference.html#connect_params"
  },
  {
    "name": "websocket.listen_options",
    "kind": "table",
    "text": "Optional settings of a server, for `listen`.",
    "href": "reference.html#listen_options"
  },
  {
    "name": "websocket.compression_settings",
    "kind": "table",
    "text": "How permessage-deflate compresses, for `connect`'s and `listen`'s `compression`: what each setting costs and gains is measured on the manual's performance page.",
    "href": "reference.html#compression_settings"
  },
  {
    "name": "websocket.tls_server",
    "kind": "table",
    "text": "The certificate and key of a `wss://` server, for `listen`'s `tls` option.",
    "href": "reference.html#tls_server"
  },
  {
    "name": "websocket.upgrade_request",
    "kind": "table",
    "text": "An upgrade request a server's `accept` hook decides on.",
    "href": "reference.html#upgrade_request"
  },
  {
    "name": "websocket.broker_report",
    "kind": "table",
    "text": "How the channels' broker (`[websocket] broker`) is doing, from `broker_status`.",
    "href": "reference.html#broker_report"
  },
  {
    "name": "websocket.tls_client",
    "kind": "table",
    "text": "How a `wss://` client checks its server, for `connect`'s `tls` parameter.",
    "href": "reference.html#tls_client"
  },
  {
    "name": "websocket.connection_stats",
    "kind": "table",
    "text": "What a connection has sent, received and queued, and how far its peer is.",
    "href": "reference.html#connection_stats"
  },
  {
    "name": "websocket.send_options",
    "kind": "table",
    "text": "Optional parameters of `send`.",
    "href": "reference.html#send_options"
  },
  {
    "name": "websocket.handshake_response",
    "kind": "table",
    "text": "The HTTP response of a refused websocket handshake.",
    "href": "reference.html#handshake_response"
  },
  {
    "name": "websocket.callback_data",
    "kind": "table",
    "text": "The event payload passed to a callback.",
    "href": "reference.html#callback_data"
  },
  {
    "name": "websocket.accept",
    "kind": "callback",
    "text": "A server's admission hook (`listen`'s `accept` option). It answers on the Lua thread while the client waits: an error raised in it refuses with `500` (the traceback is logged), and no answer within the server's `connection_timeout` (the Lua thread busy elsewhere) refuses with `503`. Refused requests never count toward `max_connections` and never reach the server's callback.",
    "href": "reference.html#accept"
  },
  {
    "name": "websocket.subscriber",
    "kind": "callback",
    "text": "Receives the messages published on a channel, for Lua code that takes part in a channel itself (a game loop on the server, a moderator): given to `subscribe` instead of a connection.",
    "href": "reference.html#subscriber"
  },
  {
    "name": "websocket.callback",
    "kind": "callback",
    "text": "Receives every event of a connection (for `listen`, of every connection to the server).",
    "href": "reference.html#callback"
  },
  {
    "name": "connect_params.timeout",
    "kind": "field",
    "text": "Timeout for the whole connection sequence: name lookup, TCP connect, TLS and the websocket handshake. `0` waits as long as the system does.",
    "href": "reference.html#connect_params.timeout"
  },
  {
    "name": "connect_params.protocol",
    "kind": "field",
    "text": "The subprotocol to ask for (e.g. `\"chat\"`), sent as `Sec-WebSocket-Protocol`. If not set, no `Sec-WebSocket-Protocol` header is sent.",
    "href": "reference.html#connect_params.protocol"
  },
  {
    "name": "connect_params.headers",
    "kind": "field",
    "text": "Extra HTTP headers for the handshake request, as `\"Name: value\"` lines separated by `\"\\r\\n\"`, or (extension) as a table of `name = value`. The same rules hold for both: headers that the handshake itself owns (`Sec-WebSocket-Key`, `Upgrade`, ...) and invalid names or values are rejected with an error before anything is sent.",
    "href": "reference.html#connect_params.headers"
  },
  {
    "name": "connect_params.drain_threshold",
    "kind": "field",
    "text": "When the send queue has held this many bytes, `EVENT_DRAIN` tells when it is written out; `0` never. Default: the `drain_threshold` config key.",
    "href": "reference.html#connect_params.drain_threshold"
  },
  {
    "name": "connect_params.tls",
    "kind": "field",
    "text": "How a `wss://` server's certificate is checked. Without it, against the system's trusted roots (and the `ca_file` config key), for the URL's host.",
    "href": "reference.html#connect_params.tls"
  },
  {
    "name": "connect_params.compression",
    "kind": "field",
    "text": "Offer permessage-deflate (RFC 7692): when the server agrees, every message is compressed on the wire both ways. `true`, or a table of settings (which also means on); `false` for none. Default: the `compression` config key.",
    "href": "reference.html#connect_params.compression"
  },
  {
    "name": "connect_params.proxy",
    "kind": "field",
    "text": "An HTTP proxy to tunnel through (`CONNECT`): `\"http://[user:password@]host:port\"`, with `Proxy-Authorization: Basic` when credentials are given; `false` for none. When absent (or `true`), the environment decides as curl does: `https_proxy` for `wss://`, `http_proxy` for `ws://` (either in capitals too), then `all_proxy`, unless the host matches `no_proxy` (a comma list of names, each also matching its subdomains, or `*`). A proxy that answers `CONNECT` with anything but `2xx` gives `EVENT_ERROR` with its answer in `handshake_response`.",
    "href": "reference.html#connect_params.proxy"
  },
  {
    "name": "listen_options.host",
    "kind": "field",
    "text": "The address to listen on (`\"127.0.0.1\"`, `\"::1\"`, or a name, which is resolved); default every local address, IPv4 and IPv6.",
    "href": "reference.html#listen_options.host"
  },
  {
    "name": "listen_options.protocols",
    "kind": "field",
    "text": "The subprotocols the server speaks, in its order of preference: it picks the first of these that the client offers, and none when the client offers none of them. Without it, the server agrees to the client's first choice.",
    "href": "reference.html#listen_options.protocols"
  },
  {
    "name": "listen_options.drain_threshold",
    "kind": "field",
    "text": "As `connect`'s, for every connection the server accepts. Default: the `drain_threshold` config key.",
    "href": "reference.html#listen_options.drain_threshold"
  },
  {
    "name": "listen_options.tls",
    "kind": "field",
    "text": "Serve `wss://` with this certificate and key. `listen` raises an error naming the file when one cannot be read or they do not belong together.",
    "href": "reference.html#listen_options.tls"
  },
  {
    "name": "listen_options.compression",
    "kind": "field",
    "text": "Accept permessage-deflate (RFC 7692) from clients that offer it (browsers always do). `true`, or a table of settings (which also means on); `false` for none. Default: the `compression` config key.",
    "href": "reference.html#listen_options.compression"
  },
  {
    "name": "listen_options.reuse_port",
    "kind": "field",
    "text": "Share the port with other servers that set it too, in this process or others (`SO_REUSEPORT`, Linux and the BSDs): the kernel spreads the incoming connections among them, so several processes serve one port. A port a server holds without it cannot be shared: `listen` raises an error saying so.",
    "href": "reference.html#listen_options.reuse_port"
  },
  {
    "name": "listen_options.accept",
    "kind": "field",
    "text": "Decides, on the Lua thread, whether each upgrade request is accepted, before it is answered: for a token, an `Origin`, a limit per address. Without it every request is accepted.",
    "href": "reference.html#listen_options.accept"
  },
  {
    "name": "compression_settings.window_bits",
    "kind": "field",
    "text": "The window this side compresses with, as a base-2 logarithm: 12 is 4 KiB, 15 the protocol's 32 KiB. A server also asks clients to compress with it (when they allow it), which sizes what it keeps to inflate their messages. Default: the `compression_window_bits` config key.",
    "href": "reference.html#compression_settings.window_bits"
  },
  {
    "name": "compression_settings.mem_level",
    "kind": "field",
    "text": "zlib's `memLevel`: the size of the buffers of one deflate block (2^(mem_level + 6) symbols). Lower uses less memory while compressing large messages and compresses them a little less. Default: the `compression_mem_level` config key.",
    "href": "reference.html#compression_settings.mem_level"
  },
  {
    "name": "tls_server.certificate",
    "kind": "field",
    "text": "Path to a PEM file holding the server's certificate, followed by any intermediate certificates of its chain.",
    "href": "reference.html#tls_server.certificate"
  },
  {
    "name": "tls_server.key",
    "kind": "field",
    "text": "Path to a PEM file holding the certificate's private key (PKCS#8).",
    "href": "reference.html#tls_server.key"
  },
  {
    "name": "upgrade_request.method",
    "kind": "field",
    "text": "The HTTP method (always `\"GET\"`; other requests are refused before).",
    "href": "reference.html#upgrade_request.method"
  },
  {
    "name": "upgrade_request.resource",
    "kind": "field",
    "text": "The path and query, e.g. `\"/chat?token=abc\"`.",
    "href": "reference.html#upgrade_request.resource"
  },
  {
    "name": "upgrade_request.headers",
    "kind": "field",
    "text": "The request headers, names in lower case, repeated headers joined with `\", \"`.",
    "href": "reference.html#upgrade_request.headers"
  },
  {
    "name": "upgrade_request.ip_address",
    "kind": "field",
    "text": "The IP address of the client.",
    "href": "reference.html#upgrade_request.ip_address"
  },
  {
    "name": "upgrade_request.port",
    "kind": "field",
    "text": "The port of the client.",
    "href": "reference.html#upgrade_request.port"
  },
  {
    "name": "upgrade_request.protocols",
    "kind": "field",
    "text": "The subprotocols the client offers, in its order; empty when none.",
    "href": "reference.html#upgrade_request.protocols"
  },
  {
    "name": "broker_report.state",
    "kind": "field",
    "text": "`\"off\"` when no broker is configured (channels are in-process only), `\"up\"` while connected to it, `\"down\"` while it cannot be reached (wslua retries with backoff).",
    "href": "reference.html#broker_report.state"
  },
  {
    "name": "broker_report.relayed",
    "kind": "field",
    "text": "Messages published here and handed to the broker.",
    "href": "reference.html#broker_report.relayed"
  },
  {
    "name": "broker_report.unrelayed",
    "kind": "field",
    "text": "Messages published here while the broker was down: delivered to this process's subscribers only.",
    "href": "reference.html#broker_report.unrelayed"
  },
  {
    "name": "broker_report.received",
    "kind": "field",
    "text": "Messages from other processes delivered here.",
    "href": "reference.html#broker_report.received"
  },
  {
    "name": "broker_report.channels",
    "kind": "field",
    "text": "Channels with a subscriber in this process (subscribed at the broker when up).",
    "href": "reference.html#broker_report.channels"
  },
  {
    "name": "tls_client.ca_file",
    "kind": "field",
    "text": "Path to a PEM file of extra trusted roots (a private CA, or a self-signed server's certificate), trusted besides the system's. Default: the `ca_file` config key.",
    "href": "reference.html#tls_client.ca_file"
  },
  {
    "name": "tls_client.verify",
    "kind": "field",
    "text": "`false` accepts any certificate for any name: for a development server only. The `debug` log says so on each such connect.",
    "href": "reference.html#tls_client.verify"
  },
  {
    "name": "tls_client.server_name",
    "kind": "field",
    "text": "The name sent in the TLS handshake (SNI) and checked against the certificate, instead of the URL's host: for connecting to an address the certificate does not name.",
    "href": "reference.html#tls_client.server_name"
  },
  {
    "name": "connection_stats.buffered",
    "kind": "field",
    "text": "Queued by `send` or `broadcast` and not yet written.",
    "href": "reference.html#connection_stats.buffered"
  },
  {
    "name": "connection_stats.bytes_sent",
    "kind": "field",
    "text": "Payload bytes of the data messages written to the peer.",
    "href": "reference.html#connection_stats.bytes_sent"
  },
  {
    "name": "connection_stats.bytes_received",
    "kind": "field",
    "text": "Payload bytes of the data messages received.",
    "href": "reference.html#connection_stats.bytes_received"
  },
  {
    "name": "connection_stats.messages_sent",
    "kind": "field",
    "text": "Data messages written to the peer.",
    "href": "reference.html#connection_stats.messages_sent"
  },
  {
    "name": "connection_stats.messages_received",
    "kind": "field",
    "text": "Data messages received.",
    "href": "reference.html#connection_stats.messages_received"
  },
  {
    "name": "connection_stats.rtt",
    "kind": "field",
    "text": "The last measured round trip of a ping (from `ping` or the keepalive) to its pong; absent before the first.",
    "href": "reference.html#connection_stats.rtt"
  },
  {
    "name": "connection_stats.connected_for",
    "kind": "field",
    "text": "Time since `EVENT_CONNECTED` was delivered; `0` before.",
    "href": "reference.html#connection_stats.connected_for"
  },
  {
    "name": "connection_stats.protocol",
    "kind": "field",
    "text": "The subprotocol the handshake agreed on; absent if none.",
    "href": "reference.html#connection_stats.protocol"
  },
  {
    "name": "connection_stats.extensions",
    "kind": "field",
    "text": "The negotiated `Sec-WebSocket-Extensions`, empty when none.",
    "href": "reference.html#connection_stats.extensions"
  },
  {
    "name": "send_options.type",
    "kind": "field",
    "text": "The data type of the message.",
    "href": "reference.html#send_options.type"
  },
  {
    "name": "handshake_response.status",
    "kind": "field",
    "text": "The HTTP status code, e.g. `404`.",
    "href": "reference.html#handshake_response.status"
  },
  {
    "name": "handshake_response.headers",
    "kind": "field",
    "text": "The response headers, names in lower case. A header that appears more than once has its values joined with `\", \"`.",
    "href": "reference.html#handshake_response.headers"
  },
  {
    "name": "handshake_response.response",
    "kind": "field",
    "text": "The response body, read to its end as the server frames it (`Content-Length`, chunked, or until the server closes) within the connection's `timeout`; at most 64 KiB of it.",
    "href": "reference.html#handshake_response.response"
  },
  {
    "name": "callback_data.event",
    "kind": "field",
    "text": "The current event.",
    "href": "reference.html#callback_data.event"
  },
  {
    "name": "callback_data.message",
    "kind": "field",
    "text": "The received data if the event is `EVENT_MESSAGE`; the error text if it is `EVENT_ERROR`.",
    "href": "reference.html#callback_data.message"
  },
  {
    "name": "callback_data.type",
    "kind": "field",
    "text": "Whether the message was text or binary.",
    "href": "reference.html#callback_data.type"
  },
  {
    "name": "callback_data.handshake_response",
    "kind": "field",
    "text": "Present when the server answered the handshake with something other than `101`.",
    "href": "reference.html#callback_data.handshake_response"
  },
  {
    "name": "callback_data.error_kind",
    "kind": "field",
    "text": "What failed, as a short stable word for a script to branch on (`message` says it in words): `\"dns\"` (the host name does not resolve), `\"tcp\"` (no TCP connection: refused, unreachable), `\"tls\"` (the TLS handshake failed, an untrusted certificate say), `\"proxy\"` (the HTTP proxy could not be reached, or refused the tunnel), `\"handshake\"` (the server did not answer the upgrade with a valid `101`), `\"timeout\"` (the connect `timeout` passed first).",
    "href": "reference.html#callback_data.error_kind"
  },
  {
    "name": "callback_data.code",
    "kind": "field",
    "text": "The close status code (RFC 6455 section 7.4): the code from the peer's close frame, the code given to `disconnect`, `1005` if a close frame carried none, `1006` if the connection was lost without a close frame.",
    "href": "reference.html#callback_data.code"
  },
  {
    "name": "callback_data.buffered",
    "kind": "field",
    "text": "What is queued and not yet written when the event is made; `0`.",
    "href": "reference.html#callback_data.buffered"
  },
  {
    "name": "callback_data.reason",
    "kind": "field",
    "text": "The close reason text from the close frame, empty if there was none; for code `1006`, what ended the connection.",
    "href": "reference.html#callback_data.reason"
  },
  {
    "name": "callback_data.protocol",
    "kind": "field",
    "text": "The subprotocol the handshake agreed on; absent if none. Both sides.",
    "href": "reference.html#callback_data.protocol"
  },
  {
    "name": "callback_data.extensions",
    "kind": "field",
    "text": "The `Sec-WebSocket-Extensions` the handshake agreed on (e.g. `\"permessage-deflate\"`), empty when none. Both sides.",
    "href": "reference.html#callback_data.extensions"
  },
  {
    "name": "callback_data.request_method",
    "kind": "field",
    "text": "The HTTP method of the upgrade request. Server connections only.",
    "href": "reference.html#callback_data.request_method"
  },
  {
    "name": "callback_data.request_resource",
    "kind": "field",
    "text": "The path and query of the upgrade request. Server connections only.",
    "href": "reference.html#callback_data.request_resource"
  },
  {
    "name": "callback_data.request_headers",
    "kind": "field",
    "text": "The headers of the upgrade request, names in lower case, repeated headers joined with `\", \"`. Server connections only.",
    "href": "reference.html#callback_data.request_headers"
  },
  {
    "name": "callback_data.response_headers",
    "kind": "field",
    "text": "The headers of the server's `101 Switching Protocols` response, names in lower case, repeated headers joined with `\", \"`. Client connections only.",
    "href": "reference.html#callback_data.response_headers"
  },
  {
    "name": "callback_data.ip_address",
    "kind": "field",
    "text": "The IP address of the connecting client. Server connections only.",
    "href": "reference.html#callback_data.ip_address"
  },
  {
    "name": "callback_data.port",
    "kind": "field",
    "text": "The port of the connecting client. Server connections only.",
    "href": "reference.html#callback_data.port"
  },
  {
    "name": "websocket.EVENT_CONNECTED",
    "kind": "constant",
    "text": "The websocket was connected (for a server, a client connected to it).",
    "href": "reference.html#EVENT_CONNECTED"
  },
  {
    "name": "websocket.EVENT_DISCONNECTED",
    "kind": "constant",
    "text": "The websocket disconnected. This is always the last event of a connection.",
    "href": "reference.html#EVENT_DISCONNECTED"
  },
  {
    "name": "websocket.EVENT_MESSAGE",
    "kind": "constant",
    "text": "The websocket received a message.",
    "href": "reference.html#EVENT_MESSAGE"
  },
  {
    "name": "websocket.EVENT_ERROR",
    "kind": "constant",
    "text": "The websocket encountered an error, for example a refused or failed connection attempt. An `EVENT_DISCONNECTED` always follows.",
    "href": "reference.html#EVENT_ERROR"
  },
  {
    "name": "websocket.EVENT_DRAIN",
    "kind": "constant",
    "text": "The connection's send queue, after holding at least its `drain_threshold` bytes, has been written out: a producer that paused can go on. Delivered once each time; never when `drain_threshold` is `0` (the default), so reference scripts never see it.",
    "href": "reference.html#EVENT_DRAIN"
  },
  {
    "name": "websocket.DATA_TYPE_TEXT",
    "kind": "constant",
    "text": "A text message; its payload must be valid UTF-8.",
    "href": "reference.html#DATA_TYPE_TEXT"
  },
  {
    "name": "websocket.DATA_TYPE_BINARY",
    "kind": "constant",
    "text": "A binary message; any bytes.",
    "href": "reference.html#DATA_TYPE_BINARY"
  },
  {
    "name": "debug",
    "kind": "config key",
    "text": "Log level: `0` logs nothing, `1` logs connection state changes, `2` also logs every message (truncated). Logs go to stderr.",
    "href": "reference.html#debug"
  },
  {
    "name": "socket_timeout",
    "kind": "config key",
    "text": "Timeout of a TCP connect attempt when the host name has further addresses to try, so that one unreachable address does not use up the whole connection sequence, which is bounded by the `timeout` of `connect`.",
    "href": "reference.html#socket_timeout"
  },
  {
    "name": "max_message_size",
    "kind": "config key",
    "text": "The largest message accepted from a peer; a larger one closes that connection with code `1009`.",
    "href": "reference.html#max_message_size"
  },
  {
    "name": "max_send_queue",
    "kind": "config key",
    "text": "The most bytes given to `send` and not yet written to a connection. A peer that stops reading would otherwise make it grow without bound: past the limit the connection is closed with code `1008` and a reason that says so.",
    "href": "reference.html#max_send_queue"
  },
  {
    "name": "ping_interval",
    "kind": "config key",
    "text": "After this long without hearing from a peer, send it a ping; `0` never pings.",
    "href": "reference.html#ping_interval"
  },
  {
    "name": "ping_timeout",
    "kind": "config key",
    "text": "A peer that answers nothing this long after a ping is closed as lost: `EVENT_DISCONNECTED` with code `1006` and a reason that says so.",
    "href": "reference.html#ping_timeout"
  },
  {
    "name": "close_timeout",
    "kind": "config key",
    "text": "How long a closing connection waits for the peer to answer its close frame before the socket is dropped anyway. The connection's `EVENT_DISCONNECTED` comes at the latest then.",
    "href": "reference.html#close_timeout"
  },
  {
    "name": "drain_threshold",
    "kind": "config key",
    "text": "The `drain_threshold` of every connection that does not set its own (in `connect`'s params or `listen`'s options): `EVENT_DRAIN` tells when a queue that held this many bytes is written out; `0` never.",
    "href": "reference.html#drain_threshold"
  },
  {
    "name": "ca_file",
    "kind": "config key",
    "text": "Path to a PEM file of extra trusted roots for every `wss://` connect that names no `tls.ca_file` of its own; empty for none.",
    "href": "reference.html#ca_file"
  },
  {
    "name": "compression",
    "kind": "config key",
    "text": "`1`: clients offer permessage-deflate (RFC 7692) and servers accept it, unless a `connect` or `listen` says otherwise; `0` (the default): neither.",
    "href": "reference.html#compression"
  },
  {
    "name": "compression_window_bits",
    "kind": "config key",
    "text": "The window permessage-deflate compresses with, as a base-2 logarithm (12 is 4 KiB), for every connection and server whose `compression` table does not say. A server asks its clients for it too.",
    "href": "reference.html#compression_window_bits"
  },
  {
    "name": "compression_mem_level",
    "kind": "config key",
    "text": "zlib's `memLevel` for permessage-deflate, for every connection and server whose `compression` table does not say: the size of a deflate block's buffers.",
    "href": "reference.html#compression_mem_level"
  },
  {
    "name": "buffer_size",
    "kind": "config key",
    "text": "Accepted for compatibility with older versions of the reference, which used it to size the receive buffer. wslua grows its buffers as needed and ignores it.",
    "href": "reference.html#buffer_size"
  },
  {
    "name": "broker",
    "kind": "config key",
    "text": "The Redis server that carries channel messages between processes, `redis://[user:password@]host:port[/db]`; empty (the default) keeps channels within this process. wslua keeps one subscriber connection for the channels that have subscribers here and publishes with `PUBLISH`; it reconnects with backoff when Redis goes away.",
    "href": "reference.html#broker"
  },
  {
    "name": "broker_backlog",
    "kind": "config key",
    "text": "The most bytes of published messages waiting to be relayed to Redis (while Redis is slow to answer). A message that does not fit is delivered in this process only and counted in `broker_status().unrelayed`: the newest are the ones dropped, so what waits keeps its order and `publish` never waits. A Redis that stops answering is taken as down within 3 seconds (commands have 2 s to be answered, quiet connections are pinged every second), and what waited is counted as unrelayed too.",
    "href": "reference.html#broker_backlog"
  },
  {
    "name": "json.encode",
    "kind": "function",
    "text": "Encodes a Lua value as JSON text. A table whose keys are exactly `1`..`n` is an array; any other table is an object, its keys strings (integer keys are written as strings). A table that contains itself, a function, a userdata other than `json.null`, a key that is not a string or an integer, NaN, an infinity or a string that is not UTF-8 raises an error naming it.",
    "href": "json.html#encode"
  },
  {
    "name": "encode.tbl",
    "kind": "parameter",
    "text": "The value to encode, usually a table.",
    "href": "json.html#encode.tbl"
  },
  {
    "name": "encode.options",
    "kind": "parameter",
    "text": "Encode options; may be `nil`.",
    "href": "json.html#encode.options"
  },
  {
    "name": "json.decode",
    "kind": "function",
    "text": "Decodes JSON text into a Lua value. Malformed text raises an error with the line and column where it goes wrong. Whole numbers that fit are integers, others floats.",
    "href": "json.html#decode"
  },
  {
    "name": "decode.json",
    "kind": "parameter",
    "text": "The JSON text.",
    "href": "json.html#decode.json"
  },
  {
    "name": "decode.options",
    "kind": "parameter",
    "text": "Decode options; may be `nil`.",
    "href": "json.html#decode.options"
  },
  {
    "name": "json.encode_options",
    "kind": "table",
    "text": "Options of `json.encode`.",
    "href": "json.html#encode_options"
  },
  {
    "name": "json.decode_options",
    "kind": "table",
    "text": "Options of `json.decode`.",
    "href": "json.html#decode_options"
  },
  {
    "name": "encode_options.encode_empty_table_as_object",
    "kind": "field",
    "text": "Whether an empty table is written as `{}` (the default) or as `[]`.",
    "href": "json.html#encode_options.encode_empty_table_as_object"
  },
  {
    "name": "decode_options.decode_null_as_userdata",
    "kind": "field",
    "text": "Whether JSON `null` becomes `json.null` instead of `nil`.",
    "href": "json.html#decode_options.decode_null_as_userdata"
  },
  {
    "name": "json.null",
    "kind": "constant",
    "text": "JSON `null`: `json.encode` writes it as `null`, and `json.decode` returns it for `null` when `decode_null_as_userdata` is set. Compare with `==`.",
    "href": "json.html#null"
  },
  {
    "name": "timer.delay",
    "kind": "function",
    "text": "Starts a timer: after `delay` seconds, `callback` is called; with `repeating`, again every `delay` seconds until `timer.cancel`. A delay of `0` fires in the next frame.",
    "href": "timer.html#delay"
  },
  {
    "name": "delay.delay",
    "kind": "parameter",
    "text": "The time to wait.",
    "href": "timer.html#delay.delay"
  },
  {
    "name": "delay.repeating",
    "kind": "parameter",
    "text": "Whether the timer fires again every `delay` seconds.",
    "href": "timer.html#delay.repeating"
  },
  {
    "name": "delay.callback",
    "kind": "parameter",
    "text": "Called each time the timer fires.",
    "href": "timer.html#delay.callback"
  },
  {
    "name": "timer.cancel",
    "kind": "function",
    "text": "Stops a timer; its callback is not called again.",
    "href": "timer.html#cancel"
  },
  {
    "name": "cancel.handle",
    "kind": "parameter",
    "text": "A handle from `timer.delay`.",
    "href": "timer.html#cancel.handle"
  },
  {
    "name": "timer.trigger",
    "kind": "function",
    "text": "Calls a running timer's callback now, as if its delay had passed: a repeating timer starts its next interval from now, a one-shot timer ends.",
    "href": "timer.html#trigger"
  },
  {
    "name": "trigger.handle",
    "kind": "parameter",
    "text": "A handle from `timer.delay`.",
    "href": "timer.html#trigger.handle"
  },
  {
    "name": "timer.get_info",
    "kind": "function",
    "text": "What a running timer is waiting for.",
    "href": "timer.html#get_info"
  },
  {
    "name": "get_info.handle",
    "kind": "parameter",
    "text": "A handle from `timer.delay`.",
    "href": "timer.html#get_info.handle"
  },
  {
    "name": "timer.timer_info",
    "kind": "table",
    "text": "What `timer.get_info` tells of a running timer.",
    "href": "timer.html#timer_info"
  },
  {
    "name": "timer.timer_callback",
    "kind": "callback",
    "text": "Called when a timer fires.",
    "href": "timer.html#timer_callback"
  },
  {
    "name": "timer_info.time_remaining",
    "kind": "field",
    "text": "The time until it fires next.",
    "href": "timer.html#timer_info.time_remaining"
  },
  {
    "name": "timer_info.delay",
    "kind": "field",
    "text": "The delay it was started with.",
    "href": "timer.html#timer_info.delay"
  },
  {
    "name": "timer_info.repeating",
    "kind": "field",
    "text": "Whether it fires again after this time.",
    "href": "timer.html#timer_info.repeating"
  },
  {
    "name": "timer.INVALID_TIMER_HANDLE",
    "kind": "constant",
    "text": "A handle no timer has.",
    "href": "timer.html#INVALID_TIMER_HANDLE"
  },
  {
    "name": "sys.exit",
    "kind": "function",
    "text": "Ends the script at the end of the current frame: `finalize(self)` runs, queued messages are written, every connection is closed with 1001, and the runner exits with `code`. No callback runs after `finalize`, so those closes bring no `EVENT_DISCONNECTED`, as in Defold.",
    "href": "sys.html#exit"
  },
  {
    "name": "exit.code",
    "kind": "parameter",
    "text": "The exit status.",
    "href": "sys.html#exit.code"
  },
  {
    "name": "sys.get_config",
    "kind": "function",
    "text": "Reads a value of `game.project` (the runner's `--config FILE`, or `./game.project`), named `section.key`, as text.",
    "href": "sys.html#get_config"
  },
  {
    "name": "get_config.key",
    "kind": "parameter",
    "text": "The setting, as `section.key` (e.g. `websocket.debug`).",
    "href": "sys.html#get_config.key"
  },
  {
    "name": "get_config.default",
    "kind": "parameter",
    "text": "What to return when the file has no such setting.",
    "href": "sys.html#get_config.default"
  },
  {
    "name": "sys.get_config_string",
    "kind": "function",
    "text": "Reads a value of `game.project` as text, as `sys.get_config` does.",
    "href": "sys.html#get_config_string"
  },
  {
    "name": "get_config_string.key",
    "kind": "parameter",
    "text": "The setting, as `section.key`.",
    "href": "sys.html#get_config_string.key"
  },
  {
    "name": "get_config_string.default",
    "kind": "parameter",
    "text": "What to return when the file has no such setting.",
    "href": "sys.html#get_config_string.default"
  },
  {
    "name": "sys.get_config_int",
    "kind": "function",
    "text": "Reads a value of `game.project` as an integer. A setting that is not a whole number is an error naming it.",
    "href": "sys.html#get_config_int"
  },
  {
    "name": "get_config_int.key",
    "kind": "parameter",
    "text": "The setting, as `section.key`.",
    "href": "sys.html#get_config_int.key"
  },
  {
    "name": "get_config_int.default",
    "kind": "parameter",
    "text": "What to return when the file has no such setting.",
    "href": "sys.html#get_config_int.default"
  },
  {
    "name": "sys.get_config_number",
    "kind": "function",
    "text": "Reads a value of `game.project` as a number. A setting that is not a number is an error naming it.",
    "href": "sys.html#get_config_number"
  },
  {
    "name": "get_config_number.key",
    "kind": "parameter",
    "text": "The setting, as `section.key`.",
    "href": "sys.html#get_config_number.key"
  },
  {
    "name": "get_config_number.default",
    "kind": "parameter",
    "text": "What to return when the file has no such setting.",
    "href": "sys.html#get_config_number.default"
  },
  {
    "name": "sys.get_save_file",
    "kind": "function",
    "text": "The path of a file the application may keep between runs, where Defold keeps it: on Linux `$XDG_DATA_HOME/APPLICATION_ID/FILE_NAME` (`~/.local/share/...` when the variable is unset; an existing `~/.APPLICATION_ID` folder of older Defold versions wins), on macOS `~/Library/Application Support/APPLICATION_ID/FILE_NAME`, on Windows `%APPDATA%\\\\APPLICATION_ID\\\\FILE_NAME`. The folder is made if it is missing.",
    "href": "sys.html#get_save_file"
  },
  {
    "name": "get_save_file.application_id",
    "kind": "parameter",
    "text": "The application's folder name; not empty, no `/`, not `.` or `..`.",
    "href": "sys.html#get_save_file.application_id"
  },
  {
    "name": "get_save_file.file_name",
    "kind": "parameter",
    "text": "The file's name in it; not empty, no `/`, not `.` or `..`.",
    "href": "sys.html#get_save_file.file_name"
  },
  {
    "name": "sys.save",
    "kind": "function",
    "text": "Writes a table to a file, for `sys.load`: nested tables whose keys are strings or numbers and whose values are strings (any bytes), numbers, booleans and tables. The file is written beside the target and renamed over it, so a crash never leaves half a file. Its format is MessagePack (a map per table, after an 8-byte header `WSLUASV1`); Defold's own binary format is not reproduced, so files do not move between the runner and a game. A value of another type (a function, userdata), a table met twice or nesting deeper than 1,000 is an error naming where.",
    "href": "sys.html#save"
  },
  {
    "name": "save.filename",
    "kind": "parameter",
    "text": "The file to write, usually from `sys.get_save_file`.",
    "href": "sys.html#save.filename"
  },
  {
    "name": "save.table",
    "kind": "parameter",
    "text": "The table to save.",
    "href": "sys.html#save.table"
  },
  {
    "name": "sys.load",
    "kind": "function",
    "text": "Reads a table `sys.save` wrote. A file that does not exist gives an empty table, as in Defold; one that is not a save file (corrupted, cut short, another format) is an error naming it.",
    "href": "sys.html#load"
  },
  {
    "name": "load.filename",
    "kind": "parameter",
    "text": "The file to read.",
    "href": "sys.html#load.filename"
  },
  {
    "name": "sys.get_sys_info",
    "kind": "function",
    "text": "What system the script runs on, with Defold's fields and honest desktop values.",
    "href": "sys.html#get_sys_info"
  },
  {
    "name": "get_sys_info.options",
    "kind": "parameter",
    "text": "Options; may be `nil`.",
    "href": "sys.html#get_sys_info.options"
  },
  {
    "name": "sys.get_engine_info",
    "kind": "function",
    "text": "The runner's version, where Defold gives the engine's.",
    "href": "sys.html#get_engine_info"
  },
  {
    "name": "sys.get_ifaddrs",
    "kind": "function",
    "text": "The machine's network interfaces and their addresses, one entry per address.",
    "href": "sys.html#get_ifaddrs"
  },
  {
    "name": "sys.sys_info_options",
    "kind": "table",
    "text": "Options of `sys.get_sys_info`.",
    "href": "sys.html#sys_info_options"
  },
  {
    "name": "sys.sys_info",
    "kind": "table",
    "text": "The system the script runs on, from `sys.get_sys_info`.",
    "href": "sys.html#sys_info"
  },
  {
    "name": "sys.engine_info",
    "kind": "table",
    "text": "The runner, from `sys.get_engine_info`.",
    "href": "sys.html#engine_info"
  },
  {
    "name": "sys.ifaddr",
    "kind": "table",
    "text": "A network interface's address, from `sys.get_ifaddrs`.",
    "href": "sys.html#ifaddr"
  },
  {
    "name": "sys_info_options.ignore_secure",
    "kind": "field",
    "text": "Leave out what identifies the device (`device_ident`), as Defold does.",
    "href": "sys.html#sys_info_options.ignore_secure"
  },
  {
    "name": "sys_info.device_model",
    "kind": "field",
    "text": "The device model; empty on a desktop, as in Defold.",
    "href": "sys.html#sys_info.device_model"
  },
  {
    "name": "sys_info.manufacturer",
    "kind": "field",
    "text": "The device maker; empty on a desktop, as in Defold.",
    "href": "sys.html#sys_info.manufacturer"
  },
  {
    "name": "sys_info.system_name",
    "kind": "field",
    "text": "`\"Linux\"`, `\"Darwin\"` or `\"Windows\"`.",
    "href": "sys.html#sys_info.system_name"
  },
  {
    "name": "sys_info.system_version",
    "kind": "field",
    "text": "The system's version (on Linux the kernel's release, e.g. `\\\"6.1.0-18-amd64\\\"`).",
    "href": "sys.html#sys_info.system_version"
  },
  {
    "name": "sys_info.api_version",
    "kind": "field",
    "text": "The platform's API version; empty on a desktop, as in Defold.",
    "href": "sys.html#sys_info.api_version"
  },
  {
    "name": "sys_info.language",
    "kind": "field",
    "text": "The user's language, two letters of ISO 639-1 (from `LC_ALL`, `LC_MESSAGES` or `LANG`; `\\\"en\\\"` when unset).",
    "href": "sys.html#sys_info.language"
  },
  {
    "name": "sys_info.device_language",
    "kind": "field",
    "text": "The language with its script or region as the locale names it, e.g. `\\\"en-US\\\"`.",
    "href": "sys.html#sys_info.device_language"
  },
  {
    "name": "sys_info.territory",
    "kind": "field",
    "text": "The user's country, two letters of ISO 3166-1 (e.g. `\\\"US\\\"`), empty when the locale names none.",
    "href": "sys.html#sys_info.territory"
  },
  {
    "name": "sys_info.gmt_offset",
    "kind": "field",
    "text": "The local time's offset from UTC.",
    "href": "sys.html#sys_info.gmt_offset"
  },
  {
    "name": "sys_info.device_ident",
    "kind": "field",
    "text": "An identifier of the machine (`/etc/machine-id` on Linux), absent with `ignore_secure`.",
    "href": "sys.html#sys_info.device_ident"
  },
  {
    "name": "sys_info.user_agent",
    "kind": "field",
    "text": "What the runner's HTTP requests would call themselves, `\\\"wslua/VERSION\\\"`.",
    "href": "sys.html#sys_info.user_agent"
  },
  {
    "name": "engine_info.version",
    "kind": "field",
    "text": "The runner's version, e.g. `\\\"0.1.0\\\"`.",
    "href": "sys.html#engine_info.version"
  },
  {
    "name": "engine_info.version_sha1",
    "kind": "field",
    "text": "Empty (the runner is not a Defold engine build).",
    "href": "sys.html#engine_info.version_sha1"
  },
  {
    "name": "engine_info.is_debug",
    "kind": "field",
    "text": "Whether the runner is a debug build.",
    "href": "sys.html#engine_info.is_debug"
  },
  {
    "name": "ifaddr.name",
    "kind": "field",
    "text": "The interface's name, e.g. `\\\"lo\\\"`.",
    "href": "sys.html#ifaddr.name"
  },
  {
    "name": "ifaddr.address",
    "kind": "field",
    "text": "Its IPv4 or IPv6 address; absent for an interface that has none.",
    "href": "sys.html#ifaddr.address"
  },
  {
    "name": "ifaddr.mac",
    "kind": "field",
    "text": "Its hardware address as `\\\"aa:bb:cc:dd:ee:ff\\\"`, where it has one.",
    "href": "sys.html#ifaddr.mac"
  },
  {
    "name": "ifaddr.up",
    "kind": "field",
    "text": "Whether the interface is up.",
    "href": "sys.html#ifaddr.up"
  },
  {
    "name": "ifaddr.running",
    "kind": "field",
    "text": "Whether it is running (has a link).",
    "href": "sys.html#ifaddr.running"
  },
  {
    "name": "pprint",
    "kind": "function",
    "text": "Prints its arguments on one line each, tables in full, nested tables indented, the way Defold's `pprint` does; a table met again (a cycle) is not printed twice.",
    "href": "builtins.html#pprint"
  },
  {
    "name": "pprint.values",
    "kind": "parameter",
    "text": "The values to print.",
    "href": "builtins.html#pprint.values"
  },
  {
    "name": "http.request",
    "kind": "function",
    "text": "Starts an HTTP or HTTPS request; the callback gets the response. A malformed URL, a method that is not a token, a header name or value that HTTP cannot carry (a CR or LF in it), or a `path` in a folder that does not exist is an error here, before anything is sent; what can only fail later comes to the callback with `status = 0` and `error`.",
    "href": "http.html#request"
  },
  {
    "name": "request.url",
    "kind": "parameter",
    "text": "The URL, `http://` or `https://`.",
    "href": "http.html#request.url"
  },
  {
    "name": "request.method",
    "kind": "parameter",
    "text": "The method, e.g. `\"GET\"`, `\"POST\"`, `\"PUT\"`, `\"DELETE\"`, `\"HEAD\"` (any token).",
    "href": "http.html#request.method"
  },
  {
    "name": "request.callback",
    "kind": "parameter",
    "text": "Called with the response.",
    "href": "http.html#request.callback"
  },
  {
    "name": "request.headers",
    "kind": "parameter",
    "text": "Request headers, name to value.",
    "href": "http.html#request.headers"
  },
  {
    "name": "request.post_data",
    "kind": "parameter",
    "text": "The request's body.",
    "href": "http.html#request.post_data"
  },
  {
    "name": "request.options",
    "kind": "parameter",
    "text": "Request options; may be `nil`.",
    "href": "http.html#request.options"
  },
  {
    "name": "http.request_options",
    "kind": "table",
    "text": "Options of `http.request`.",
    "href": "http.html#request_options"
  },
  {
    "name": "http.response",
    "kind": "table",
    "text": "What a request's callback receives.",
    "href": "http.html#response"
  },
  {
    "name": "http.http_callback",
    "kind": "callback",
    "text": "Called with a request's response (and, with `report_progress`, as it arrives).",
    "href": "http.html#http_callback"
  },
  {
    "name": "request_options.timeout",
    "kind": "field",
    "text": "The whole request's limit, from connecting to the last byte; `0` is none. When not given, `game.project`'s `[network] http_timeout` (none if that is unset), as in Defold.",
    "href": "http.html#request_options.timeout"
  },
  {
    "name": "request_options.path",
    "kind": "field",
    "text": "A file to write the body to instead of `response`, streamed as it arrives. It is written (replaced) only for status `200`; its folder must exist.",
    "href": "http.html#request_options.path"
  },
  {
    "name": "request_options.ignore_cache",
    "kind": "field",
    "text": "Defold's cache switch; the runner has no cache, so it changes nothing.",
    "href": "http.html#request_options.ignore_cache"
  },
  {
    "name": "request_options.chunked_transfer",
    "kind": "field",
    "text": "Send an `https://` body larger than 16 KiB with chunked transfer encoding, as Defold does; `false` sends its length.",
    "href": "http.html#request_options.chunked_transfer"
  },
  {
    "name": "request_options.report_progress",
    "kind": "field",
    "text": "Call the callback as the body arrives too (every 64 KiB), with `bytes_received` and `bytes_total`; the last call has the response.",
    "href": "http.html#request_options.report_progress"
  },
  {
    "name": "response.status",
    "kind": "field",
    "text": "The response's status; `0` when no response came (refused, unresolvable, TLS failure, timeout, the connection lost), with `error` saying what happened.",
    "href": "http.html#response.status"
  },
  {
    "name": "response.response",
    "kind": "field",
    "text": "The body, when it was not written to `path`.",
    "href": "http.html#response.response"
  },
  {
    "name": "response.headers",
    "kind": "field",
    "text": "The response's headers, names in lower case, repeated ones joined with `\", \"`.",
    "href": "http.html#response.headers"
  },
  {
    "name": "response.path",
    "kind": "field",
    "text": "The file the body was written to (`options.path`, status `200`).",
    "href": "http.html#response.path"
  },
  {
    "name": "response.error",
    "kind": "field",
    "text": "What went wrong, when no response came or its body could not be taken.",
    "href": "http.html#response.error"
  },
  {
    "name": "response.error_kind",
    "kind": "field",
    "text": "What failed, as a short word: `\"dns\"`, `\"tcp\"`, `\"tls\"`, `\"proxy\"`, `\"timeout\"`, as `websocket`'s `error_kind`; absent for a body that could not be taken.",
    "href": "http.html#response.error_kind"
  },
  {
    "name": "response.bytes_received",
    "kind": "field",
    "text": "The bytes of the body received so far (with `report_progress`).",
    "href": "http.html#response.bytes_received"
  },
  {
    "name": "response.bytes_total",
    "kind": "field",
    "text": "The body's whole length when the server said it (with `report_progress`).",
    "href": "http.html#response.bytes_total"
  },
  {
    "name": "response.range_start",
    "kind": "field",
    "text": "For a `206`, the first byte of the document the body holds.",
    "href": "http.html#response.range_start"
  },
  {
    "name": "response.range_end",
    "kind": "field",
    "text": "For a `206`, the last byte of the document the body holds (inclusive).",
    "href": "http.html#response.range_end"
  },
  {
    "name": "response.document_size",
    "kind": "field",
    "text": "For a `206`, the whole document's size, when the server said it.",
    "href": "http.html#response.document_size"
  },
  {
    "name": "crypt.hash_sha1",
    "kind": "function",
    "text": "The SHA-1 digest of the bytes.",
    "href": "crypt.html#hash_sha1"
  },
  {
    "name": "hash_sha1.buffer",
    "kind": "parameter",
    "text": "The data to hash.",
    "href": "crypt.html#hash_sha1.buffer"
  },
  {
    "name": "crypt.hash_sha256",
    "kind": "function",
    "text": "The SHA-256 digest of the bytes.",
    "href": "crypt.html#hash_sha256"
  },
  {
    "name": "hash_sha256.buffer",
    "kind": "parameter",
    "text": "The data to hash.",
    "href": "crypt.html#hash_sha256.buffer"
  },
  {
    "name": "crypt.hash_sha512",
    "kind": "function",
    "text": "The SHA-512 digest of the bytes.",
    "href": "crypt.html#hash_sha512"
  },
  {
    "name": "hash_sha512.buffer",
    "kind": "parameter",
    "text": "The data to hash.",
    "href": "crypt.html#hash_sha512.buffer"
  },
  {
    "name": "crypt.hash_md5",
    "kind": "function",
    "text": "The MD5 digest of the bytes (for checksums, not for security).",
    "href": "crypt.html#hash_md5"
  },
  {
    "name": "hash_md5.buffer",
    "kind": "parameter",
    "text": "The data to hash.",
    "href": "crypt.html#hash_md5.buffer"
  },
  {
    "name": "crypt.encode_base64",
    "kind": "function",
    "text": "The bytes in Base64 (RFC 4648, with `=` padding).",
    "href": "crypt.html#encode_base64"
  },
  {
    "name": "encode_base64.input",
    "kind": "parameter",
    "text": "The data to encode.",
    "href": "crypt.html#encode_base64.input"
  },
  {
    "name": "crypt.decode_base64",
    "kind": "function",
    "text": "Bytes from Base64 (RFC 4648, `=` padding optional). Text that is not Base64 is an error naming where it goes wrong.",
    "href": "crypt.html#decode_base64"
  },
  {
    "name": "decode_base64.input",
    "kind": "parameter",
    "text": "The Base64 text.",
    "href": "crypt.html#decode_base64.input"
  },
  {
    "name": "zlib.deflate",
    "kind": "function",
    "text": "Compresses the bytes into the zlib format.",
    "href": "zlib.html#deflate"
  },
  {
    "name": "deflate.buf",
    "kind": "parameter",
    "text": "The data to compress.",
    "href": "zlib.html#deflate.buf"
  },
  {
    "name": "zlib.inflate",
    "kind": "function",
    "text": "Decompresses zlib data. Data that is not zlib (or is cut short) is an error, and so is output over 256 MiB (a compression bomb), without holding it.",
    "href": "zlib.html#inflate"
  },
  {
    "name": "inflate.buf",
    "kind": "parameter",
    "text": "The compressed data.",
    "href": "zlib.html#inflate.buf"
  },
  {
    "name": "bit.tobit",
    "kind": "function",
    "text": "Normalizes a number to the signed 32-bit range, as every other function does with its arguments.",
    "href": "bit.html#tobit"
  },
  {
    "name": "tobit.x",
    "kind": "parameter",
    "text": "The number.",
    "href": "bit.html#tobit.x"
  },
  {
    "name": "bit.tohex",
    "kind": "function",
    "text": "The number as hex digits.",
    "href": "bit.html#tohex"
  },
  {
    "name": "tohex.x",
    "kind": "parameter",
    "text": "The number.",
    "href": "bit.html#tohex.x"
  },
  {
    "name": "tohex.n",
    "kind": "parameter",
    "text": "How many of its low digits; negative for upper-case digits.",
    "href": "bit.html#tohex.n"
  },
  {
    "name": "bit.bnot",
    "kind": "function",
    "text": "Bitwise not.",
    "href": "bit.html#bnot"
  },
  {
    "name": "bnot.x",
    "kind": "parameter",
    "text": "The number.",
    "href": "bit.html#bnot.x"
  },
  {
    "name": "bit.band",
    "kind": "function",
    "text": "Bitwise and of all its arguments.",
    "href": "bit.html#band"
  },
  {
    "name": "band.x",
    "kind": "parameter",
    "text": "One or more numbers (a string that is a number counts, as in LuaJIT).",
    "href": "bit.html#band.x"
  },
  {
    "name": "bit.bor",
    "kind": "function",
    "text": "Bitwise or of all its arguments.",
    "href": "bit.html#bor"
  },
  {
    "name": "bor.x",
    "kind": "parameter",
    "text": "One or more numbers (a string that is a number counts, as in LuaJIT).",
    "href": "bit.html#bor.x"
  },
  {
    "name": "bit.bxor",
    "kind": "function",
    "text": "Bitwise exclusive or of all its arguments.",
    "href": "bit.html#bxor"
  },
  {
    "name": "bxor.x",
    "kind": "parameter",
    "text": "One or more numbers (a string that is a number counts, as in LuaJIT).",
    "href": "bit.html#bxor.x"
  },
  {
    "name": "bit.lshift",
    "kind": "function",
    "text": "Logical shift left; only the low 5 bits of `n` count.",
    "href": "bit.html#lshift"
  },
  {
    "name": "lshift.x",
    "kind": "parameter",
    "text": "The number.",
    "href": "bit.html#lshift.x"
  },
  {
    "name": "lshift.n",
    "kind": "parameter",
    "text": "How many bits.",
    "href": "bit.html#lshift.n"
  },
  {
    "name": "bit.rshift",
    "kind": "function",
    "text": "Logical shift right (zeros come in); only the low 5 bits of `n` count.",
    "href": "bit.html#rshift"
  },
  {
    "name": "rshift.x",
    "kind": "parameter",
    "text": "The number.",
    "href": "bit.html#rshift.x"
  },
  {
    "name": "rshift.n",
    "kind": "parameter",
    "text": "How many bits.",
    "href": "bit.html#rshift.n"
  },
  {
    "name": "bit.arshift",
    "kind": "function",
    "text": "Arithmetic shift right (the sign bit comes in); only the low 5 bits of `n` count.",
    "href": "bit.html#arshift"
  },
  {
    "name": "arshift.x",
    "kind": "parameter",
    "text": "The number.",
    "href": "bit.html#arshift.x"
  },
  {
    "name": "arshift.n",
    "kind": "parameter",
    "text": "How many bits.",
    "href": "bit.html#arshift.n"
  },
  {
    "name": "bit.rol",
    "kind": "function",
    "text": "Rotate left; only the low 5 bits of `n` count.",
    "href": "bit.html#rol"
  },
  {
    "name": "rol.x",
    "kind": "parameter",
    "text": "The number.",
    "href": "bit.html#rol.x"
  },
  {
    "name": "rol.n",
    "kind": "parameter",
    "text": "How many bits.",
    "href": "bit.html#rol.n"
  },
  {
    "name": "bit.ror",
    "kind": "function",
    "text": "Rotate right; only the low 5 bits of `n` count.",
    "href": "bit.html#ror"
  },
  {
    "name": "ror.x",
    "kind": "parameter",
    "text": "The number.",
    "href": "bit.html#ror.x"
  },
  {
    "name": "ror.n",
    "kind": "parameter",
    "text": "How many bits.",
    "href": "bit.html#ror.n"
  },
  {
    "name": "bit.bswap",
    "kind": "function",
    "text": "Swaps the bytes (converts between little and big endian).",
    "href": "bit.html#bswap"
  },
  {
    "name": "bswap.x",
    "kind": "parameter",
    "text": "The number.",
    "href": "bit.html#bswap.x"
  },
  {
    "name": "socket.gettime",
    "kind": "function",
    "text": "The time, in seconds since the Unix epoch, with a fraction.",
    "href": "socket.html#gettime"
  },
  {
    "name": "socket.sleep",
    "kind": "function",
    "text": "Blocks the Lua thread for a while: no callback runs meanwhile (use `timer.delay` to wait without blocking).",
    "href": "socket.html#sleep"
  },
  {
    "name": "sleep.time",
    "kind": "parameter",
    "text": "How long.",
    "href": "socket.html#sleep.time"
  },
  {
    "name": "Getting started",
    "kind": "manual",
    "text": "Getting started",
    "href": "getting-started.html"
  },
  {
    "name": "Two commands",
    "kind": "manual section",
    "text": "Getting started: Two commands",
    "href": "getting-started.html#two-commands"
  },
  {
    "name": "Your first script",
    "kind": "manual section",
    "text": "Getting started: Your first script",
    "href": "getting-started.html#your-first-script"
  },
  {
    "name": "The runner",
    "kind": "manual section",
    "text": "Getting started: The runner",
    "href": "getting-started.html#the-runner"
  },
  {
    "name": "Which Lua",
    "kind": "manual section",
    "text": "Getting started: Which Lua",
    "href": "getting-started.html#which-lua"
  },
  {
    "name": "Lua modules in the runner",
    "kind": "manual section",
    "text": "Getting started: Lua modules in the runner",
    "href": "getting-started.html#lua-modules-in-the-runner"
  },
  {
    "name": "From a stock interpreter",
    "kind": "manual section",
    "text": "Getting started: From a stock interpreter",
    "href": "getting-started.html#from-a-stock-interpreter"
  },
  {
    "name": "Clients",
    "kind": "manual",
    "text": "Clients",
    "href": "client.html"
  },
  {
    "name": "Parameters",
    "kind": "manual section",
    "text": "Clients: Parameters",
    "href": "client.html#parameters"
  },
  {
    "name": "Sending",
    "kind": "manual section",
    "text": "Clients: Sending",
    "href": "client.html#sending"
  },
  {
    "name": "Closing",
    "kind": "manual section",
    "text": "Clients: Closing",
    "href": "client.html#closing"
  },
  {
    "name": "wss and certificates",
    "kind": "manual section",
    "text": "Clients: wss and certificates",
    "href": "client.html#wss-and-certificates"
  },
  {
    "name": "Proxies",
    "kind": "manual section",
    "text": "Clients: Proxies",
    "href": "client.html#proxies"
  },
  {
    "name": "Compression",
    "kind": "manual section",
    "text": "Clients: Compression",
    "href": "client.html#compression"
  },
  {
    "name": "Refused handshakes",
    "kind": "manual section",
    "text": "Clients: Refused handshakes",
    "href": "client.html#refused-handshakes"
  },
  {
    "name": "Servers",
    "kind": "manual",
    "text": "Servers",
    "href": "server.html"
  },
  {
    "name": "Accepted connections",
    "kind": "manual section",
    "text": "Servers: Accepted connections",
    "href": "server.html#accepted-connections"
  },
  {
    "name": "Several servers, addresses and subprotocols",
    "kind": "manual section",
    "text": "Servers: Several servers, addresses and subprotocols",
    "href": "server.html#several-servers-addresses-and-subprotocols"
  },
  {
    "name": "wss:// servers",
    "kind": "manual section",
    "text": "Servers: wss:// servers",
    "href": "server.html#wss-servers"
  },
  {
    "name": "Admission: the accept hook",
    "kind": "manual section",
    "text": "Servers: Admission: the accept hook",
    "href": "server.html#admission-the-accept-hook"
  },
  {
    "name": "Compression",
    "kind": "manual section",
    "text": "Servers: Compression",
    "href": "server.html#compression"
  },
  {
    "name": "Flow control",
    "kind": "manual section",
    "text": "Servers: Flow control",
    "href": "server.html#flow-control"
  },
  {
    "name": "Rooms: one message to many",
    "kind": "manual section",
    "text": "Servers: Rooms: one message to many",
    "href": "server.html#rooms-one-message-to-many"
  },
  {
    "name": "Channels, across processes",
    "kind": "manual section",
    "text": "Servers: Channels, across processes",
    "href": "server.html#channels-across-processes"
  },
  {
    "name": "Stopping",
    "kind": "manual section",
    "text": "Servers: Stopping",
    "href": "server.html#stopping"
  },
  {
    "name": "Scaling out",
    "kind": "manual",
    "text": "Scaling out",
    "href": "scaling-out.html"
  },
  {
    "name": "Setting it up",
    "kind": "manual section",
    "text": "Scaling out: Setting it up",
    "href": "scaling-out.html#setting-it-up"
  },
  {
    "name": "Every core of one machine: --workers",
    "kind": "manual section",
    "text": "Scaling out: Every core of one machine: --workers",
    "href": "scaling-out.html#every-core-of-one-machine-workers"
  },
  {
    "name": "What is guaranteed",
    "kind": "manual section",
    "text": "Scaling out: What is guaranteed",
    "href": "scaling-out.html#what-is-guaranteed"
  },
  {
    "name": "What is not",
    "kind": "manual section",
    "text": "Scaling out: What is not",
    "href": "scaling-out.html#what-is-not"
  },
  {
    "name": "Measured",
    "kind": "manual section",
    "text": "Scaling out: Measured",
    "href": "scaling-out.html#measured"
  },
  {
    "name": "Fan-out across processes (channels over Redis)",
    "kind": "manual section",
    "text": "Scaling out: Fan-out across processes (channels over Redis)",
    "href": "scaling-out.html#fan-out-across-processes-channels-over-redis"
  },
  {
    "name": "100,000 connections on one machine",
    "kind": "manual section",
    "text": "Scaling out: 100,000 connections on one machine",
    "href": "scaling-out.html#100-000-connections-on-one-machine"
  },
  {
    "name": "Events and callback data",
    "kind": "manual",
    "text": "Events and callback data",
    "href": "events.html"
  },
  {
    "name": "Order",
    "kind": "manual section",
    "text": "Events and callback data: Order",
    "href": "events.html#order"
  },
  {
    "name": "Fields of data",
    "kind": "manual section",
    "text": "Events and callback data: Fields of data",
    "href": "events.html#fields-of-data"
  },
  {
    "name": "Close codes",
    "kind": "manual section",
    "text": "Events and callback data: Close codes",
    "href": "events.html#close-codes"
  },
  {
    "name": "Errors in callbacks",
    "kind": "manual section",
    "text": "Events and callback data: Errors in callbacks",
    "href": "events.html#errors-in-callbacks"
  },
  {
    "name": "Configuration",
    "kind": "manual",
    "text": "Configuration",
    "href": "configuration.html"
  },
  {
    "name": "Module mode: stock Lua 5.1 to 5.4 and LuaJIT",
    "kind": "manual",
    "text": "Module mode: stock Lua 5.1 to 5.4 and LuaJIT",
    "href": "module-mode.html"
  },
  {
    "name": "Inside another event loop",
    "kind": "manual section",
    "text": "Module mode: stock Lua 5.1 to 5.4 and LuaJIT: Inside another event loop",
    "href": "module-mode.html#inside-another-event-loop"
  },
  {
    "name": "In LÖVE",
    "kind": "manual section",
    "text": "Module mode: stock Lua 5.1 to 5.4 and LuaJIT: In LÖVE",
    "href": "module-mode.html#in-löve"
  },
  {
    "name": "One build per interpreter",
    "kind": "manual section",
    "text": "Module mode: stock Lua 5.1 to 5.4 and LuaJIT: One build per interpreter",
    "href": "module-mode.html#one-build-per-interpreter"
  },
  {
    "name": "Limits and errors",
    "kind": "manual",
    "text": "Limits and errors",
    "href": "limits-and-errors.html"
  },
  {
    "name": "What raises a Lua error",
    "kind": "manual section",
    "text": "Limits and errors: What raises a Lua error",
    "href": "limits-and-errors.html#what-raises-a-lua-error"
  },
  {
    "name": "What arrives as events",
    "kind": "manual section",
    "text": "Limits and errors: What arrives as events",
    "href": "limits-and-errors.html#what-arrives-as-events"
  },
  {
    "name": "Limits",
    "kind": "manual section",
    "text": "Limits and errors: Limits",
    "href": "limits-and-errors.html#limits"
  },
  {
    "name": "Hostile or broken peers",
    "kind": "manual section",
    "text": "Limits and errors: Hostile or broken peers",
    "href": "limits-and-errors.html#hostile-or-broken-peers"
  },
  {
    "name": "Fuzzing",
    "kind": "manual section",
    "text": "Limits and errors: Fuzzing",
    "href": "limits-and-errors.html#fuzzing"
  },
  {
    "name": "Soak",
    "kind": "manual section",
    "text": "Limits and errors: Soak",
    "href": "limits-and-errors.html#soak"
  },
  {
    "name": "Is memory given back?",
    "kind": "manual section",
    "text": "Limits and errors: Is memory given back?",
    "href": "limits-and-errors.html#is-memory-given-back"
  },
  {
    "name": "Migrating from Defold's extension-websocket",
    "kind": "manual",
    "text": "Migrating from Defold's extension-websocket",
    "href": "migrating-from-defold.html"
  },
  {
    "name": "Identical",
    "kind": "manual section",
    "text": "Migrating from Defold's extension-websocket: Identical",
    "href": "migrating-from-defold.html#identical"
  },
  {
    "name": "Defold's globals in the runner",
    "kind": "manual section",
    "text": "Migrating from Defold's extension-websocket: Defold's globals in the runner",
    "href": "migrating-from-defold.html#defold-s-globals-in-the-runner"
  },
  {
    "name": "Extended (marked extension in the reference)",
    "kind": "manual section",
    "text": "Migrating from Defold's extension-websocket: Extended (marked extension in the reference)",
    "href": "migrating-from-defold.html#extended-marked-extension-in-the-reference"
  },
  {
    "name": "Different, and why",
    "kind": "manual section",
    "text": "Migrating from Defold's extension-websocket: Different, and why",
    "href": "migrating-from-defold.html#different-and-why"
  },
  {
    "name": "Running Defold scripts",
    "kind": "manual",
    "text": "Running Defold scripts",
    "href": "defold-environment.html"
  },
  {
    "name": "What the runner has",
    "kind": "manual section",
    "text": "Running Defold scripts: What the runner has",
    "href": "defold-environment.html#what-the-runner-has"
  },
  {
    "name": "What it deliberately does not have",
    "kind": "manual section",
    "text": "Running Defold scripts: What it deliberately does not have",
    "href": "defold-environment.html#what-it-deliberately-does-not-have"
  },
  {
    "name": "Where it differs, and why",
    "kind": "manual section",
    "text": "Running Defold scripts: Where it differs, and why",
    "href": "defold-environment.html#where-it-differs-and-why"
  },
  {
    "name": "The VM",
    "kind": "manual section",
    "text": "Running Defold scripts: The VM",
    "href": "defold-environment.html#the-vm"
  },
  {
    "name": "Tried: a third-party Defold library",
    "kind": "manual section",
    "text": "Running Defold scripts: Tried: a third-party Defold library",
    "href": "defold-environment.html#tried-a-third-party-defold-library"
  },
  {
    "name": "Editor support",
    "kind": "manual",
    "text": "Editor support",
    "href": "editor-stubs.html"
  },
  {
    "name": "LuaLS (lua-language-server) and EmmyLua",
    "kind": "manual section",
    "text": "Editor support: LuaLS (lua-language-server) and EmmyLua",
    "href": "editor-stubs.html#luals-lua-language-server-and-emmylua"
  },
  {
    "name": "Defold",
    "kind": "manual section",
    "text": "Editor support: Defold",
    "href": "editor-stubs.html#defold"
  },
  {
    "name": "Cookbook",
    "kind": "manual",
    "text": "Cookbook",
    "href": "cookbook.html"
  },
  {
    "name": "Reconnect with backoff and jitter",
    "kind": "manual section",
    "text": "Cookbook: Reconnect with backoff and jitter",
    "href": "cookbook.html#reconnect-with-backoff-and-jitter"
  },
  {
    "name": "JSON messages",
    "kind": "manual section",
    "text": "Cookbook: JSON messages",
    "href": "cookbook.html#json-messages"
  },
  {
    "name": "A heartbeat and a latency display",
    "kind": "manual section",
    "text": "Cookbook: A heartbeat and a latency display",
    "href": "cookbook.html#a-heartbeat-and-a-latency-display"
  },
  {
    "name": "A browser page",
    "kind": "manual section",
    "text": "Cookbook: A browser page",
    "href": "cookbook.html#a-browser-page"
  },
  {
    "name": "Performance",
    "kind": "manual",
    "text": "Performance",
    "href": "performance.html"
  },
  {
    "name": "How it is measured",
    "kind": "manual section",
    "text": "Performance: How it is measured",
    "href": "performance.html#how-it-is-measured"
  },
  {
    "name": "What the numbers say",
    "kind": "manual section",
    "text": "Performance: What the numbers say",
    "href": "performance.html#what-the-numbers-say"
  },
  {
    "name": "What profiling changed",
    "kind": "manual section",
    "text": "Performance: What profiling changed",
    "href": "performance.html#what-profiling-changed"
  },
  {
    "name": "Against the goals of the performance work",
    "kind": "manual section",
    "text": "Performance: Against the goals of the performance work",
    "href": "performance.html#against-the-goals-of-the-performance-work"
  },
  {
    "name": "Against the goals of --workers",
    "kind": "manual section",
    "text": "Performance: Against the goals of --workers",
    "href": "performance.html#against-the-goals-of-workers"
  },
  {
    "name": "The runner's VM: LuaJIT and Lua 5.4",
    "kind": "manual section",
    "text": "Performance: The runner's VM: LuaJIT and Lua 5.4",
    "href": "performance.html#the-runner-s-vm-luajit-and-lua-5-4"
  },
  {
    "name": "Inside another event loop",
    "kind": "manual section",
    "text": "Performance: Inside another event loop",
    "href": "performance.html#inside-another-event-loop"
  },
  {
    "name": "Measurements behind the engine's shape",
    "kind": "manual section",
    "text": "Performance: Measurements behind the engine's shape",
    "href": "performance.html#measurements-behind-the-engine-s-shape"
  },
  {
    "name": "Results",
    "kind": "manual section",
    "text": "Performance: Results",
    "href": "performance.html#results"
  },
  {
    "name": "Key ratios",
    "kind": "manual section",
    "text": "Performance: Key ratios",
    "href": "performance.html#key-ratios"
  },
  {
    "name": "1. Server echo throughput",
    "kind": "manual section",
    "text": "Performance: 1. Server echo throughput",
    "href": "performance.html#1-server-echo-throughput"
  },
  {
    "name": "2. Client receive rate",
    "kind": "manual section",
    "text": "Performance: 2. Client receive rate",
    "href": "performance.html#2-client-receive-rate"
  },
  {
    "name": "3. Round-trip latency",
    "kind": "manual section",
    "text": "Performance: 3. Round-trip latency",
    "href": "performance.html#3-round-trip-latency"
  },
  {
    "name": "4. Connection scale",
    "kind": "manual section",
    "text": "Performance: 4. Connection scale",
    "href": "performance.html#4-connection-scale"
  },
  {
    "name": "5. Idle CPU",
    "kind": "manual section",
    "text": "Performance: 5. Idle CPU",
    "href": "performance.html#5-idle-cpu"
  },
  {
    "name": "6. Fan-out",
    "kind": "manual section",
    "text": "Performance: 6. Fan-out",
    "href": "performance.html#6-fan-out"
  },
  {
    "name": "Not run",
    "kind": "manual section",
    "text": "Performance: Not run",
    "href": "performance.html#not-run"
  },
  {
    "name": "Compression",
    "kind": "manual section",
    "text": "Performance: Compression",
    "href": "performance.html#compression"
  },
  {
    "name": "The memory of a compressed connection",
    "kind": "manual section",
    "text": "Performance: The memory of a compressed connection",
    "href": "performance.html#the-memory-of-a-compressed-connection"
  },
  {
    "name": "Conformance",
    "kind": "manual",
    "text": "Conformance",
    "href": "conformance.html"
  },
  {
    "name": "Results",
    "kind": "manual section",
    "text": "Conformance: Results",
    "href": "conformance.html#results"
  },
  {
    "name": "The verdicts that are not OK",
    "kind": "manual section",
    "text": "Conformance: The verdicts that are not OK",
    "href": "conformance.html#the-verdicts-that-are-not-ok"
  },
  {
    "name": "Reproducing",
    "kind": "manual section",
    "text": "Conformance: Reproducing",
    "href": "conformance.html#reproducing"
  }
];
