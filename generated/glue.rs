// Generated from api.yaml by wslua-codegen — do not edit.
// The `websocket` Lua module: typed values, the trait the host implements, and the
// registration that checks Lua arguments and converts them.
//
// Functions and constants for using websockets: `ws://` and `wss://` clients and a `ws://`
// server. The API is that of Defold's `extension-websocket`; scripts written for it run
// unchanged. Everything marked *extension* is a wslua addition that never changes the meaning
// of a reference call.
//
// Events are delivered to the callback given to `connect` or `listen`, on the Lua thread, in
// order per connection. Every connection ends with exactly one `EVENT_DISCONNECTED` while the
// script runs (what is still open when it exits is closed without callbacks, as in Defold).

// The conversions it calls are the crate wslua-glue-support (glue-support/), named `__wslua`
// here so that no name api.yaml gives can collide with it.
use wslua_glue_support as __wslua;

// event: The kind of event a callback receives, in `data.event`.

/// The websocket was connected (for a server, a client connected to it).
pub const EVENT_CONNECTED: i64 = 0;
/// The websocket disconnected. This is always the last event of a connection.
pub const EVENT_DISCONNECTED: i64 = 1;
/// The websocket received a message.
pub const EVENT_MESSAGE: i64 = 2;
/// The websocket encountered an error, for example a refused or failed connection attempt. An `EVENT_DISCONNECTED` always follows.
pub const EVENT_ERROR: i64 = 3;
/// The connection's send queue, after holding at least its `drain_threshold` bytes, has been written out: a producer that paused can go on. Delivered once each time; never when `drain_threshold` is `0` (the default), so reference scripts never see it.
pub const EVENT_DRAIN: i64 = 4;

fn __wslua_read_event(value: mlua::Value, at: &__wslua::At) -> mlua::Result<i64> {
    __wslua::read_constant(value, at, &[EVENT_CONNECTED, EVENT_DISCONNECTED, EVENT_MESSAGE, EVENT_ERROR, EVENT_DRAIN], "websocket.EVENT_CONNECTED or websocket.EVENT_DISCONNECTED or websocket.EVENT_MESSAGE or websocket.EVENT_ERROR or websocket.EVENT_DRAIN")
}

// data_type: The kind of a websocket message, in `options.type` of `send` and `data.type`.

/// A text message; its payload must be valid UTF-8.
pub const DATA_TYPE_TEXT: i64 = 1;
/// A binary message; any bytes.
pub const DATA_TYPE_BINARY: i64 = 2;

fn __wslua_read_data_type(value: mlua::Value, at: &__wslua::At) -> mlua::Result<i64> {
    __wslua::read_constant(
        value,
        at,
        &[DATA_TYPE_TEXT, DATA_TYPE_BINARY],
        "websocket.DATA_TYPE_TEXT or websocket.DATA_TYPE_BINARY",
    )
}

/// A websocket connection, client or server side. `tostring(connection)` gives `websocket.connection: <id>`; the same connection is always the same value, so it can key a table. Using it after its `EVENT_DISCONNECTED` raises an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Connection(pub u64);

impl Connection {
    pub const LUA_NAME: &'static str = "websocket.connection";

    pub fn read(value: mlua::Value, at: &__wslua::At) -> mlua::Result<Self> {
        __wslua::read_handle(value, at, Self::LUA_NAME)
    }
}

impl mlua::UserData for Connection {
    fn add_methods<M: mlua::UserDataMethods<Self>>(methods: &mut M) {
        methods
            .add_meta_method(mlua::MetaMethod::ToString, |_, this, ()| Ok(format!("{}: {}", Self::LUA_NAME, this.0)));
        methods.add_meta_method(mlua::MetaMethod::Eq, |_, this, other: mlua::AnyUserData| {
            Ok(other.borrow::<Self>().is_ok_and(|other| *other == *this))
        });
    }
}

/// Optional parameters of `connect`.
#[derive(Debug, Clone, PartialEq)]
pub struct ConnectParams {
    /// Timeout for the whole connection sequence: name lookup, TCP connect, TLS and the websocket handshake. `0` waits as long as the system does.
    pub timeout: i64,
    /// The subprotocol to ask for (e.g. `"chat"`), sent as `Sec-WebSocket-Protocol`. If not set, no `Sec-WebSocket-Protocol` header is sent.
    pub protocol: Option<String>,
    /// Extra HTTP headers for the handshake request, as `"Name: value"` lines separated by `"\r\n"`, or (extension) as a table of `name = value`. The same rules hold for both: headers that the handshake itself owns (`Sec-WebSocket-Key`, `Upgrade`, ...) and invalid names or values are rejected with an error before anything is sent.
    pub headers: Option<__wslua::Either<String, Vec<(String, String)>>>,
    /// When the send queue has held this many bytes, `EVENT_DRAIN` tells when it is written out; `0` never. Default: the `drain_threshold` config key.
    pub drain_threshold: Option<i64>,
    /// How a `wss://` server's certificate is checked. Without it, against the system's trusted roots (and the `ca_file` config key), for the URL's host.
    pub tls: TlsClient,
    /// Offer permessage-deflate (RFC 7692): when the server agrees, every message is compressed on the wire both ways. `true`, or a table of settings (which also means on); `false` for none. Default: the `compression` config key.
    pub compression: Option<__wslua::Either<bool, CompressionSettings>>,
    /// An HTTP proxy to tunnel through (`CONNECT`): `"http://[user:password@]host:port"`, with `Proxy-Authorization: Basic` when credentials are given; `false` for none. When absent (or `true`), the environment decides as curl does: `https_proxy` for `wss://`, `http_proxy` for `ws://` (either in capitals too), then `all_proxy`, unless the host matches `no_proxy` (a comma list of names, each also matching its subdomains, or `*`). A proxy that answers `CONNECT` with anything but `2xx` gives `EVENT_ERROR` with its answer in `handshake_response`.
    pub proxy: Option<__wslua::Either<bool, String>>,
}

impl Default for ConnectParams {
    fn default() -> Self {
        Self {
            timeout: 3000,
            protocol: Default::default(),
            headers: Default::default(),
            drain_threshold: Default::default(),
            tls: Default::default(),
            compression: Default::default(),
            proxy: Default::default(),
        }
    }
}

impl __wslua::InputTable for ConnectParams {
    /// The fields a Lua table of this type may have; any other key is an error.
    const FIELDS: &'static [&'static str] =
        &["timeout", "protocol", "headers", "drain_threshold", "tls", "compression", "proxy"];

    fn from_fields(at: &__wslua::At, field: &mut dyn FnMut(usize) -> mlua::Result<mlua::Value>) -> mlua::Result<Self> {
        Ok(Self {
            timeout: {
                let at = at.field("timeout");
                let value = field(0)?;
                __wslua::optional(value, &at, |value, at: &__wslua::At| {
                    __wslua::read_integer(value, at)
                        .and_then(|v| __wslua::in_range(v, Some(0), None).map_err(|e| at.error(e)))
                })?
                .unwrap_or(3000)
            },
            protocol: {
                let at = at.field("protocol");
                let value = field(1)?;
                __wslua::optional(value, &at, __wslua::read_string)?
            },
            headers: {
                let at = at.field("headers");
                let value = field(2)?;
                __wslua::optional(value, &at, |value, at: &__wslua::At| {
                    __wslua::read_either(value, at, ["string", "table"], __wslua::read_string, __wslua::read_map)
                })?
            },
            drain_threshold: {
                let at = at.field("drain_threshold");
                let value = field(3)?;
                __wslua::optional(value, &at, |value, at: &__wslua::At| {
                    __wslua::read_integer(value, at)
                        .and_then(|v| __wslua::in_range(v, Some(0), None).map_err(|e| at.error(e)))
                })?
            },
            tls: {
                let at = at.field("tls");
                let value = field(4)?;
                __wslua::optional(value, &at, TlsClient::read)?.unwrap_or_default()
            },
            compression: {
                let at = at.field("compression");
                let value = field(5)?;
                __wslua::optional(value, &at, |value, at: &__wslua::At| {
                    __wslua::read_either(
                        value,
                        at,
                        ["boolean", "table"],
                        __wslua::read_boolean,
                        CompressionSettings::read,
                    )
                })?
            },
            proxy: {
                let at = at.field("proxy");
                let value = field(6)?;
                __wslua::optional(value, &at, |value, at: &__wslua::At| {
                    __wslua::read_either(value, at, ["boolean", "string"], __wslua::read_boolean, __wslua::read_string)
                })?
            },
        })
    }
}

impl ConnectParams {
    pub fn read(value: mlua::Value, at: &__wslua::At) -> mlua::Result<Self> {
        __wslua::read_input(value, at)
    }
}

/// Optional settings of a server, for `listen`.
#[derive(Debug, Clone, PartialEq)]
pub struct ListenOptions {
    /// The address to listen on (`"127.0.0.1"`, `"::1"`, or a name, which is resolved); default every local address, IPv4 and IPv6.
    pub host: Option<String>,
    /// The subprotocols the server speaks, in its order of preference: it picks the first of these that the client offers, and none when the client offers none of them. Without it, the server agrees to the client's first choice.
    pub protocols: Option<Vec<String>>,
    /// As `connect`'s, for every connection the server accepts. Default: the `drain_threshold` config key.
    pub drain_threshold: Option<i64>,
    /// Serve `wss://` with this certificate and key. `listen` raises an error naming the file when one cannot be read or they do not belong together.
    pub tls: Option<TlsServer>,
    /// Accept permessage-deflate (RFC 7692) from clients that offer it (browsers always do). `true`, or a table of settings (which also means on); `false` for none. Default: the `compression` config key.
    pub compression: Option<__wslua::Either<bool, CompressionSettings>>,
    /// Share the port with other servers that set it too, in this process or others (`SO_REUSEPORT`, Linux and the BSDs): the kernel spreads the incoming connections among them, so several processes serve one port. A port a server holds without it cannot be shared: `listen` raises an error saying so.
    pub reuse_port: bool,
    /// Decides, on the Lua thread, whether each upgrade request is accepted, before it is answered: for a token, an `Origin`, a limit per address. Without it every request is accepted.
    pub accept: Option<mlua::Function>,
}

impl Default for ListenOptions {
    fn default() -> Self {
        Self {
            host: Default::default(),
            protocols: Default::default(),
            drain_threshold: Default::default(),
            tls: Default::default(),
            compression: Default::default(),
            reuse_port: false,
            accept: Default::default(),
        }
    }
}

impl __wslua::InputTable for ListenOptions {
    /// The fields a Lua table of this type may have; any other key is an error.
    const FIELDS: &'static [&'static str] =
        &["host", "protocols", "drain_threshold", "tls", "compression", "reuse_port", "accept"];

    fn from_fields(at: &__wslua::At, field: &mut dyn FnMut(usize) -> mlua::Result<mlua::Value>) -> mlua::Result<Self> {
        Ok(Self {
            host: {
                let at = at.field("host");
                let value = field(0)?;
                __wslua::optional(value, &at, __wslua::read_string)?
            },
            protocols: {
                let at = at.field("protocols");
                let value = field(1)?;
                __wslua::optional(value, &at, |value, at: &__wslua::At| {
                    __wslua::read_array(value, at, __wslua::read_string)
                })?
            },
            drain_threshold: {
                let at = at.field("drain_threshold");
                let value = field(2)?;
                __wslua::optional(value, &at, |value, at: &__wslua::At| {
                    __wslua::read_integer(value, at)
                        .and_then(|v| __wslua::in_range(v, Some(0), None).map_err(|e| at.error(e)))
                })?
            },
            tls: {
                let at = at.field("tls");
                let value = field(3)?;
                __wslua::optional(value, &at, TlsServer::read)?
            },
            compression: {
                let at = at.field("compression");
                let value = field(4)?;
                __wslua::optional(value, &at, |value, at: &__wslua::At| {
                    __wslua::read_either(
                        value,
                        at,
                        ["boolean", "table"],
                        __wslua::read_boolean,
                        CompressionSettings::read,
                    )
                })?
            },
            reuse_port: {
                let at = at.field("reuse_port");
                let value = field(5)?;
                __wslua::optional(value, &at, __wslua::read_boolean)?.unwrap_or(false)
            },
            accept: {
                let at = at.field("accept");
                let value = field(6)?;
                __wslua::optional(value, &at, __wslua::read_function)?
            },
        })
    }
}

impl ListenOptions {
    pub fn read(value: mlua::Value, at: &__wslua::At) -> mlua::Result<Self> {
        __wslua::read_input(value, at)
    }
}

/// How permessage-deflate compresses, for `connect`'s and `listen`'s `compression`: what each setting costs and gains is measured on the manual's performance page.
#[derive(Debug, Clone, PartialEq)]
pub struct CompressionSettings {
    /// The window this side compresses with, as a base-2 logarithm: 12 is 4 KiB, 15 the protocol's 32 KiB. A server also asks clients to compress with it (when they allow it), which sizes what it keeps to inflate their messages. Default: the `compression_window_bits` config key.
    pub window_bits: Option<i64>,
    /// zlib's `memLevel`: the size of the buffers of one deflate block (2^(mem_level + 6) symbols). Lower uses less memory while compressing large messages and compresses them a little less. Default: the `compression_mem_level` config key.
    pub mem_level: Option<i64>,
}

impl Default for CompressionSettings {
    fn default() -> Self {
        Self { window_bits: Default::default(), mem_level: Default::default() }
    }
}

impl __wslua::InputTable for CompressionSettings {
    /// The fields a Lua table of this type may have; any other key is an error.
    const FIELDS: &'static [&'static str] = &["window_bits", "mem_level"];

    fn from_fields(at: &__wslua::At, field: &mut dyn FnMut(usize) -> mlua::Result<mlua::Value>) -> mlua::Result<Self> {
        Ok(Self {
            window_bits: {
                let at = at.field("window_bits");
                let value = field(0)?;
                __wslua::optional(value, &at, |value, at: &__wslua::At| {
                    __wslua::read_integer(value, at)
                        .and_then(|v| __wslua::in_range(v, Some(9), Some(15)).map_err(|e| at.error(e)))
                })?
            },
            mem_level: {
                let at = at.field("mem_level");
                let value = field(1)?;
                __wslua::optional(value, &at, |value, at: &__wslua::At| {
                    __wslua::read_integer(value, at)
                        .and_then(|v| __wslua::in_range(v, Some(1), Some(9)).map_err(|e| at.error(e)))
                })?
            },
        })
    }
}

impl CompressionSettings {
    pub fn read(value: mlua::Value, at: &__wslua::At) -> mlua::Result<Self> {
        __wslua::read_input(value, at)
    }
}

/// The certificate and key of a `wss://` server, for `listen`'s `tls` option.
#[derive(Debug, Clone, PartialEq)]
pub struct TlsServer {
    /// Path to a PEM file holding the server's certificate, followed by any intermediate certificates of its chain.
    pub certificate: String,
    /// Path to a PEM file holding the certificate's private key (PKCS#8).
    pub key: String,
}

impl Default for TlsServer {
    fn default() -> Self {
        Self { certificate: Default::default(), key: Default::default() }
    }
}

impl __wslua::InputTable for TlsServer {
    /// The fields a Lua table of this type may have; any other key is an error.
    const FIELDS: &'static [&'static str] = &["certificate", "key"];

    fn from_fields(at: &__wslua::At, field: &mut dyn FnMut(usize) -> mlua::Result<mlua::Value>) -> mlua::Result<Self> {
        Ok(Self {
            certificate: {
                let at = at.field("certificate");
                let value = field(0)?;
                __wslua::read_string(value, &at)?
            },
            key: {
                let at = at.field("key");
                let value = field(1)?;
                __wslua::read_string(value, &at)?
            },
        })
    }
}

impl TlsServer {
    pub fn read(value: mlua::Value, at: &__wslua::At) -> mlua::Result<Self> {
        __wslua::read_input(value, at)
    }
}

/// An upgrade request a server's `accept` hook decides on.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UpgradeRequest {
    /// The HTTP method (always `"GET"`; other requests are refused before).
    pub method: String,
    /// The path and query, e.g. `"/chat?token=abc"`.
    pub resource: String,
    /// The request headers, names in lower case, repeated headers joined with `", "`.
    pub headers: Vec<(String, String)>,
    /// The IP address of the client.
    pub ip_address: String,
    /// The port of the client.
    pub port: i64,
    /// The subprotocols the client offers, in its order; empty when none.
    pub protocols: Vec<String>,
}

impl __wslua::Push for UpgradeRequest {
    unsafe fn push_to(&self, state: *mut mlua::ffi::lua_State) {
        static KEYS: __wslua::Keys =
            __wslua::Keys(&[c"method", c"resource", c"headers", c"ip_address", c"port", c"protocols"]);
        let present = [true, true, true, true, true, true];
        __wslua::new_record(state, &KEYS, present.iter().filter(|p| **p).count());
        __wslua::set(state, 1, &self.method);
        __wslua::set(state, 2, &self.resource);
        __wslua::set(state, 3, &self.headers);
        __wslua::set(state, 4, &self.ip_address);
        __wslua::set(state, 5, &self.port);
        __wslua::set(state, 6, &self.protocols);
        __wslua::end_record(state);
    }
}

impl __wslua::Written for UpgradeRequest {}

/// How the channels' broker (`[websocket] broker`) is doing, from `broker_status`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BrokerReport {
    /// `"off"` when no broker is configured (channels are in-process only), `"up"` while connected to it, `"down"` while it cannot be reached (wslua retries with backoff).
    pub state: String,
    /// Messages published here and handed to the broker.
    pub relayed: i64,
    /// Messages published here while the broker was down: delivered to this process's subscribers only.
    pub unrelayed: i64,
    /// Messages from other processes delivered here.
    pub received: i64,
    /// Channels with a subscriber in this process (subscribed at the broker when up).
    pub channels: i64,
}

impl __wslua::Push for BrokerReport {
    unsafe fn push_to(&self, state: *mut mlua::ffi::lua_State) {
        static KEYS: __wslua::Keys = __wslua::Keys(&[c"state", c"relayed", c"unrelayed", c"received", c"channels"]);
        let present = [true, true, true, true, true];
        __wslua::new_record(state, &KEYS, present.iter().filter(|p| **p).count());
        __wslua::set(state, 1, &self.state);
        __wslua::set(state, 2, &self.relayed);
        __wslua::set(state, 3, &self.unrelayed);
        __wslua::set(state, 4, &self.received);
        __wslua::set(state, 5, &self.channels);
        __wslua::end_record(state);
    }
}

impl __wslua::Written for BrokerReport {}

/// How a `wss://` client checks its server, for `connect`'s `tls` parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct TlsClient {
    /// Path to a PEM file of extra trusted roots (a private CA, or a self-signed server's certificate), trusted besides the system's. Default: the `ca_file` config key.
    pub ca_file: Option<String>,
    /// `false` accepts any certificate for any name: for a development server only. The `debug` log says so on each such connect.
    pub verify: bool,
    /// The name sent in the TLS handshake (SNI) and checked against the certificate, instead of the URL's host: for connecting to an address the certificate does not name.
    pub server_name: Option<String>,
}

impl Default for TlsClient {
    fn default() -> Self {
        Self { ca_file: Default::default(), verify: true, server_name: Default::default() }
    }
}

impl __wslua::InputTable for TlsClient {
    /// The fields a Lua table of this type may have; any other key is an error.
    const FIELDS: &'static [&'static str] = &["ca_file", "verify", "server_name"];

    fn from_fields(at: &__wslua::At, field: &mut dyn FnMut(usize) -> mlua::Result<mlua::Value>) -> mlua::Result<Self> {
        Ok(Self {
            ca_file: {
                let at = at.field("ca_file");
                let value = field(0)?;
                __wslua::optional(value, &at, __wslua::read_string)?
            },
            verify: {
                let at = at.field("verify");
                let value = field(1)?;
                __wslua::optional(value, &at, __wslua::read_boolean)?.unwrap_or(true)
            },
            server_name: {
                let at = at.field("server_name");
                let value = field(2)?;
                __wslua::optional(value, &at, __wslua::read_string)?
            },
        })
    }
}

impl TlsClient {
    pub fn read(value: mlua::Value, at: &__wslua::At) -> mlua::Result<Self> {
        __wslua::read_input(value, at)
    }
}

/// What a connection has sent, received and queued, and how far its peer is.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ConnectionStats {
    /// Queued by `send` or `broadcast` and not yet written.
    pub buffered: i64,
    /// Payload bytes of the data messages written to the peer.
    pub bytes_sent: i64,
    /// Payload bytes of the data messages received.
    pub bytes_received: i64,
    /// Data messages written to the peer.
    pub messages_sent: i64,
    /// Data messages received.
    pub messages_received: i64,
    /// The last measured round trip of a ping (from `ping` or the keepalive) to its pong; absent before the first.
    pub rtt: Option<f64>,
    /// Time since `EVENT_CONNECTED` was delivered; `0` before.
    pub connected_for: f64,
    /// The subprotocol the handshake agreed on; absent if none.
    pub protocol: Option<String>,
    /// The negotiated `Sec-WebSocket-Extensions`, empty when none.
    pub extensions: String,
}

impl __wslua::Push for ConnectionStats {
    unsafe fn push_to(&self, state: *mut mlua::ffi::lua_State) {
        static KEYS: __wslua::Keys = __wslua::Keys(&[
            c"buffered",
            c"bytes_sent",
            c"bytes_received",
            c"messages_sent",
            c"messages_received",
            c"rtt",
            c"connected_for",
            c"protocol",
            c"extensions",
        ]);
        let present = [true, true, true, true, true, self.rtt.is_some(), true, self.protocol.is_some(), true];
        __wslua::new_record(state, &KEYS, present.iter().filter(|p| **p).count());
        __wslua::set(state, 1, &self.buffered);
        __wslua::set(state, 2, &self.bytes_sent);
        __wslua::set(state, 3, &self.bytes_received);
        __wslua::set(state, 4, &self.messages_sent);
        __wslua::set(state, 5, &self.messages_received);
        if let Some(v) = &self.rtt {
            __wslua::set(state, 6, v);
        }
        __wslua::set(state, 7, &self.connected_for);
        if let Some(v) = &self.protocol {
            __wslua::set(state, 8, v);
        }
        __wslua::set(state, 9, &self.extensions);
        __wslua::end_record(state);
    }
}

impl __wslua::Written for ConnectionStats {}

/// Optional parameters of `send`.
#[derive(Debug, Clone, PartialEq)]
pub struct SendOptions {
    /// The data type of the message.
    pub r#type: i64,
}

impl Default for SendOptions {
    fn default() -> Self {
        Self { r#type: DATA_TYPE_BINARY }
    }
}

impl __wslua::InputTable for SendOptions {
    /// The fields a Lua table of this type may have; any other key is an error.
    const FIELDS: &'static [&'static str] = &["type"];

    fn from_fields(at: &__wslua::At, field: &mut dyn FnMut(usize) -> mlua::Result<mlua::Value>) -> mlua::Result<Self> {
        Ok(Self {
            r#type: {
                let at = at.field("type");
                let value = field(0)?;
                __wslua::optional(value, &at, __wslua_read_data_type)?.unwrap_or(DATA_TYPE_BINARY)
            },
        })
    }
}

impl SendOptions {
    pub fn read(value: mlua::Value, at: &__wslua::At) -> mlua::Result<Self> {
        __wslua::read_input(value, at)
    }
}

/// The HTTP response of a refused websocket handshake.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HandshakeResponse {
    /// The HTTP status code, e.g. `404`.
    pub status: i64,
    /// The response headers, names in lower case. A header that appears more than once has its values joined with `", "`.
    pub headers: Vec<(String, String)>,
    /// The response body, read to its end as the server frames it (`Content-Length`, chunked, or until the server closes) within the connection's `timeout`; at most 64 KiB of it.
    pub response: bytes::Bytes,
}

impl __wslua::Push for HandshakeResponse {
    unsafe fn push_to(&self, state: *mut mlua::ffi::lua_State) {
        static KEYS: __wslua::Keys = __wslua::Keys(&[c"status", c"headers", c"response"]);
        let present = [true, true, true];
        __wslua::new_record(state, &KEYS, present.iter().filter(|p| **p).count());
        __wslua::set(state, 1, &self.status);
        __wslua::set(state, 2, &self.headers);
        __wslua::set(state, 3, &self.response);
        __wslua::end_record(state);
    }
}

impl __wslua::Written for HandshakeResponse {}

/// The event payload passed to a callback.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CallbackData {
    /// The current event.
    pub event: i64,
    /// The received data if the event is `EVENT_MESSAGE`; the error text if it is `EVENT_ERROR`.
    pub message: Option<bytes::Bytes>,
    /// Whether the message was text or binary.
    pub r#type: Option<i64>,
    /// Present when the server answered the handshake with something other than `101`.
    pub handshake_response: Option<HandshakeResponse>,
    /// What failed, as a short stable word for a script to branch on (`message` says it in words): `"dns"` (the host name does not resolve), `"tcp"` (no TCP connection: refused, unreachable), `"tls"` (the TLS handshake failed, an untrusted certificate say), `"proxy"` (the HTTP proxy could not be reached, or refused the tunnel), `"handshake"` (the server did not answer the upgrade with a valid `101`), `"timeout"` (the connect `timeout` passed first).
    pub error_kind: Option<String>,
    /// The close status code (RFC 6455 section 7.4): the code from the peer's close frame, the code given to `disconnect`, `1005` if a close frame carried none, `1006` if the connection was lost without a close frame.
    pub code: Option<i64>,
    /// What is queued and not yet written when the event is made; `0`.
    pub buffered: Option<i64>,
    /// The close reason text from the close frame, empty if there was none; for code `1006`, what ended the connection.
    pub reason: Option<String>,
    /// The subprotocol the handshake agreed on; absent if none. Both sides.
    pub protocol: Option<String>,
    /// The `Sec-WebSocket-Extensions` the handshake agreed on (e.g. `"permessage-deflate"`), empty when none. Both sides.
    pub extensions: Option<String>,
    /// The HTTP method of the upgrade request. Server connections only.
    pub request_method: Option<String>,
    /// The path and query of the upgrade request. Server connections only.
    pub request_resource: Option<String>,
    /// The headers of the upgrade request, names in lower case, repeated headers joined with `", "`. Server connections only.
    pub request_headers: Option<Vec<(String, String)>>,
    /// The headers of the server's `101 Switching Protocols` response, names in lower case, repeated headers joined with `", "`. Client connections only.
    pub response_headers: Option<Vec<(String, String)>>,
    /// The IP address of the connecting client. Server connections only.
    pub ip_address: Option<String>,
    /// The port of the connecting client. Server connections only.
    pub port: Option<i64>,
}

impl __wslua::Push for CallbackData {
    unsafe fn push_to(&self, state: *mut mlua::ffi::lua_State) {
        static KEYS: __wslua::Keys = __wslua::Keys(&[
            c"event",
            c"message",
            c"type",
            c"handshake_response",
            c"error_kind",
            c"code",
            c"buffered",
            c"reason",
            c"protocol",
            c"extensions",
            c"request_method",
            c"request_resource",
            c"request_headers",
            c"response_headers",
            c"ip_address",
            c"port",
        ]);
        let present = [
            true,
            self.message.is_some(),
            self.r#type.is_some(),
            self.handshake_response.is_some(),
            self.error_kind.is_some(),
            self.code.is_some(),
            self.buffered.is_some(),
            self.reason.is_some(),
            self.protocol.is_some(),
            self.extensions.is_some(),
            self.request_method.is_some(),
            self.request_resource.is_some(),
            self.request_headers.is_some(),
            self.response_headers.is_some(),
            self.ip_address.is_some(),
            self.port.is_some(),
        ];
        __wslua::new_record(state, &KEYS, present.iter().filter(|p| **p).count());
        __wslua::set(state, 1, &self.event);
        if let Some(v) = &self.message {
            __wslua::set(state, 2, v);
        }
        if let Some(v) = &self.r#type {
            __wslua::set(state, 3, v);
        }
        if let Some(v) = &self.handshake_response {
            __wslua::set(state, 4, v);
        }
        if let Some(v) = &self.error_kind {
            __wslua::set(state, 5, v);
        }
        if let Some(v) = &self.code {
            __wslua::set(state, 6, v);
        }
        if let Some(v) = &self.buffered {
            __wslua::set(state, 7, v);
        }
        if let Some(v) = &self.reason {
            __wslua::set(state, 8, v);
        }
        if let Some(v) = &self.protocol {
            __wslua::set(state, 9, v);
        }
        if let Some(v) = &self.extensions {
            __wslua::set(state, 10, v);
        }
        if let Some(v) = &self.request_method {
            __wslua::set(state, 11, v);
        }
        if let Some(v) = &self.request_resource {
            __wslua::set(state, 12, v);
        }
        if let Some(v) = &self.request_headers {
            __wslua::set(state, 13, v);
        }
        if let Some(v) = &self.response_headers {
            __wslua::set(state, 14, v);
        }
        if let Some(v) = &self.ip_address {
            __wslua::set(state, 15, v);
        }
        if let Some(v) = &self.port {
            __wslua::set(state, 16, v);
        }
        __wslua::end_record(state);
    }
}

impl __wslua::Written for CallbackData {}

/// Calls a Lua `websocket.accept`: A server's admission hook (`listen`'s `accept` option). It answers on the Lua thread while the client waits: an error raised in it refuses with `500` (the traceback is logged), and no answer within the server's `connection_timeout` (the Lua thread busy elsewhere) refuses with `503`. Refused requests never count toward `max_connections` and never reach the server's callback.
///
/// Its return values are checked as arguments are: a wrong one is an error naming it.
pub fn call_accept(
    lua: &mlua::Lua,
    function: &mlua::Function,
    self_: &mlua::Value,
    request: &UpgradeRequest,
) -> mlua::Result<(bool, i64, Option<Vec<u8>>)> {
    let _ = lua;
    let args = ({
        let v = self_;
        v
    },);
    let returned = __wslua::Written::call_after(request, lua, function, args);
    let mut __wslua_returned = __wslua::Args::returned("accept", returned?);
    Ok((
        {
            let (value, at) = __wslua_returned.next_arg();
            __wslua::read_boolean(value, &at)?
        },
        {
            let (value, at) = __wslua_returned.next_arg();
            __wslua::optional(value, &at, |value, at: &__wslua::At| {
                __wslua::read_integer(value, at)
                    .and_then(|v| __wslua::in_range(v, Some(400), Some(599)).map_err(|e| at.error(e)))
            })?
            .unwrap_or(403)
        },
        {
            let (value, at) = __wslua_returned.next_arg();
            __wslua::optional(value, &at, __wslua::read_bytes)?
        },
    ))
}

/// Calls a Lua `websocket.subscriber`: Receives the messages published on a channel, for Lua code that takes part in a channel itself (a game loop on the server, a moderator): given to `subscribe` instead of a connection.
pub fn call_subscriber(
    lua: &mlua::Lua,
    function: &mlua::Function,
    self_: &mlua::Value,
    channel: &mlua::LuaString,
    message: &mlua::LuaString,
    r#type: i64,
) -> mlua::Result<()> {
    let _ = lua;
    let args = (
        {
            let v = self_;
            v
        },
        {
            let v = channel;
            v
        },
        {
            let v = message;
            v
        },
        {
            let v = r#type;
            v
        },
    );
    let returned = function.call(args);
    returned
}

/// Calls a Lua `websocket.callback`: Receives every event of a connection (for `listen`, of every connection to the server).
pub fn call_callback(
    lua: &mlua::Lua,
    function: &mlua::Function,
    self_: &mlua::Value,
    connection: &mlua::AnyUserData,
    data: &CallbackData,
) -> mlua::Result<()> {
    let _ = lua;
    let args = (
        {
            let v = self_;
            v
        },
        {
            let v = connection;
            v
        },
    );
    let returned = __wslua::Written::call_after(data, lua, function, args);
    returned
}

/// Calls a Lua `websocket.callback` as [`call_callback`] does, once per table
/// `next` leaves in `data` (the first is there already) until it leaves
/// none, all in one protected call: cheaper per call. An error raised by a call ends them and is
/// returned, the table of that call left in `data`.
pub fn call_callback_each(
    lua: &mlua::Lua,
    function: &mlua::Function,
    self_: &mlua::Value,
    connection: &mlua::AnyUserData,
    data: &mut Option<CallbackData>,
    next: &mut dyn FnMut(&mut Option<CallbackData>),
) -> mlua::Result<()> {
    let _ = lua;
    let args = (
        {
            let v = self_;
            v
        },
        {
            let v = connection;
            v
        },
    );
    __wslua::Written::call_each(lua, function, args, data, next)
}

/// Read from the `[websocket]` section of `game.project` (the `wslua` runner's `--config FILE`, or `./game.project` if it exists).
#[derive(Debug, Clone, PartialEq)]
pub struct WebsocketConfig {
    /// Log level: `0` logs nothing, `1` logs connection state changes, `2` also logs every message (truncated). Logs go to stderr.
    pub debug: i64,
    /// Timeout of a TCP connect attempt when the host name has further addresses to try, so that one unreachable address does not use up the whole connection sequence, which is bounded by the `timeout` of `connect`.
    /// Unit: microseconds.
    pub socket_timeout: i64,
    /// The largest message accepted from a peer; a larger one closes that connection with code `1009`.
    /// Unit: bytes.
    pub max_message_size: i64,
    /// The most bytes given to `send` and not yet written to a connection. A peer that stops reading would otherwise make it grow without bound: past the limit the connection is closed with code `1008` and a reason that says so.
    /// Unit: bytes.
    pub max_send_queue: i64,
    /// After this long without hearing from a peer, send it a ping; `0` never pings.
    /// Unit: seconds.
    pub ping_interval: f64,
    /// A peer that answers nothing this long after a ping is closed as lost: `EVENT_DISCONNECTED` with code `1006` and a reason that says so.
    /// Unit: seconds.
    pub ping_timeout: f64,
    /// How long a closing connection waits for the peer to answer its close frame before the socket is dropped anyway. The connection's `EVENT_DISCONNECTED` comes at the latest then.
    /// Unit: seconds.
    pub close_timeout: f64,
    /// The `drain_threshold` of every connection that does not set its own (in `connect`'s params or `listen`'s options): `EVENT_DRAIN` tells when a queue that held this many bytes is written out; `0` never.
    /// Unit: bytes.
    pub drain_threshold: i64,
    /// Path to a PEM file of extra trusted roots for every `wss://` connect that names no `tls.ca_file` of its own; empty for none.
    pub ca_file: String,
    /// `1`: clients offer permessage-deflate (RFC 7692) and servers accept it, unless a `connect` or `listen` says otherwise; `0` (the default): neither.
    pub compression: i64,
    /// The window permessage-deflate compresses with, as a base-2 logarithm (12 is 4 KiB), for every connection and server whose `compression` table does not say. A server asks its clients for it too.
    pub compression_window_bits: i64,
    /// zlib's `memLevel` for permessage-deflate, for every connection and server whose `compression` table does not say: the size of a deflate block's buffers.
    pub compression_mem_level: i64,
    /// Accepted for compatibility with older versions of the reference, which used it to size the receive buffer. wslua grows its buffers as needed and ignores it.
    /// Unit: bytes.
    pub buffer_size: i64,
    /// The Redis server that carries channel messages between processes, `redis://[user:password@]host:port[/db]`; empty (the default) keeps channels within this process. wslua keeps one subscriber connection for the channels that have subscribers here and publishes with `PUBLISH`; it reconnects with backoff when Redis goes away.
    pub broker: String,
    /// The most bytes of published messages waiting to be relayed to Redis (while Redis is slow to answer). A message that does not fit is delivered in this process only and counted in `broker_status().unrelayed`: the newest are the ones dropped, so what waits keeps its order and `publish` never waits. A Redis that stops answering is taken as down within 3 seconds (commands have 2 s to be answered, quiet connections are pinged every second), and what waited is counted as unrelayed too.
    /// Unit: bytes.
    pub broker_backlog: i64,
}

impl Default for WebsocketConfig {
    fn default() -> Self {
        Self {
            debug: 0,
            socket_timeout: 500000,
            max_message_size: 67108864,
            max_send_queue: 67108864,
            ping_interval: 30.0,
            ping_timeout: 30.0,
            close_timeout: 5.0,
            drain_threshold: 0,
            ca_file: "".to_string(),
            compression: 0,
            compression_window_bits: 12,
            compression_mem_level: 5,
            buffer_size: 0,
            broker: "".to_string(),
            broker_backlog: 16777216,
        }
    }
}

impl WebsocketConfig {
    /// The game.project section these keys live in.
    pub const SECTION: &'static str = "websocket";

    /// The keys of the section.
    pub const KEYS: &'static [&'static str] = &[
        "debug",
        "socket_timeout",
        "max_message_size",
        "max_send_queue",
        "ping_interval",
        "ping_timeout",
        "close_timeout",
        "drain_threshold",
        "ca_file",
        "compression",
        "compression_window_bits",
        "compression_mem_level",
        "buffer_size",
        "broker",
        "broker_backlog",
    ];

    /// Sets `key` from its game.project text. Returns `Ok(false)` for a key this section does not have.
    pub fn set(&mut self, key: &str, text: &str) -> Result<bool, String> {
        match key {
            "debug" => {
                self.debug = __wslua::parse_integer(text)
                    .and_then(|v| __wslua::in_range(v, Some(0), Some(2)))
                    .map_err(|e| format!("[{}] {key}: {e}", Self::SECTION))?
            }
            "socket_timeout" => {
                self.socket_timeout = __wslua::parse_integer(text)
                    .and_then(|v| __wslua::in_range(v, Some(1), Some(86400000000)))
                    .map_err(|e| format!("[{}] {key}: {e}", Self::SECTION))?
            }
            "max_message_size" => {
                self.max_message_size = __wslua::parse_integer(text)
                    .and_then(|v| __wslua::in_range(v, Some(1), None))
                    .map_err(|e| format!("[{}] {key}: {e}", Self::SECTION))?
            }
            "max_send_queue" => {
                self.max_send_queue = __wslua::parse_integer(text)
                    .and_then(|v| __wslua::in_range(v, Some(1), None))
                    .map_err(|e| format!("[{}] {key}: {e}", Self::SECTION))?
            }
            "ping_interval" => {
                self.ping_interval = __wslua::parse_number(text)
                    .and_then(|v| __wslua::in_range(v, Some(0.0), Some(86400.0)))
                    .map_err(|e| format!("[{}] {key}: {e}", Self::SECTION))?
            }
            "ping_timeout" => {
                self.ping_timeout = __wslua::parse_number(text)
                    .and_then(|v| __wslua::in_range(v, Some(0.001), Some(86400.0)))
                    .map_err(|e| format!("[{}] {key}: {e}", Self::SECTION))?
            }
            "close_timeout" => {
                self.close_timeout = __wslua::parse_number(text)
                    .and_then(|v| __wslua::in_range(v, Some(0.0), Some(86400.0)))
                    .map_err(|e| format!("[{}] {key}: {e}", Self::SECTION))?
            }
            "drain_threshold" => {
                self.drain_threshold = __wslua::parse_integer(text)
                    .and_then(|v| __wslua::in_range(v, Some(0), None))
                    .map_err(|e| format!("[{}] {key}: {e}", Self::SECTION))?
            }
            "ca_file" => {
                self.ca_file = __wslua::parse_string(text).map_err(|e| format!("[{}] {key}: {e}", Self::SECTION))?
            }
            "compression" => {
                self.compression = __wslua::parse_integer(text)
                    .and_then(|v| __wslua::in_range(v, Some(0), Some(1)))
                    .map_err(|e| format!("[{}] {key}: {e}", Self::SECTION))?
            }
            "compression_window_bits" => {
                self.compression_window_bits = __wslua::parse_integer(text)
                    .and_then(|v| __wslua::in_range(v, Some(9), Some(15)))
                    .map_err(|e| format!("[{}] {key}: {e}", Self::SECTION))?
            }
            "compression_mem_level" => {
                self.compression_mem_level = __wslua::parse_integer(text)
                    .and_then(|v| __wslua::in_range(v, Some(1), Some(9)))
                    .map_err(|e| format!("[{}] {key}: {e}", Self::SECTION))?
            }
            "buffer_size" => {
                self.buffer_size = __wslua::parse_integer(text)
                    .and_then(|v| __wslua::in_range(v, Some(0), None))
                    .map_err(|e| format!("[{}] {key}: {e}", Self::SECTION))?
            }
            "broker" => {
                self.broker = __wslua::parse_string(text).map_err(|e| format!("[{}] {key}: {e}", Self::SECTION))?
            }
            "broker_backlog" => {
                self.broker_backlog = __wslua::parse_integer(text)
                    .and_then(|v| __wslua::in_range(v, Some(0), None))
                    .map_err(|e| format!("[{}] {key}: {e}", Self::SECTION))?
            }
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// The `websocket` module, one method per Lua function. The host implements it; a function
/// added to api.yaml is a compile error until it does.
pub trait WebsocketApi: 'static {
    /// Connects to a remote address.
    /// - `url`: URL of the remote connection: `ws://` or `wss://` (`http://` and `https://` are accepted and mean the same), with a host name, an IPv4 address or a bracketed IPv6 address, and an optional port, path and query.
    /// - `params`: Optional parameters as properties; may be `nil`.
    /// - `callback`: Callback that receives all events of the connection.
    ///
    /// Returns `connection`: The connection. Its events arrive at `callback`, `EVENT_CONNECTED` first.
    ///
    /// Connect, send a greeting once connected, print what comes back.
    /// ```lua
    /// local function websocket_callback(self, conn, data)
    ///   if data.event == websocket.EVENT_CONNECTED then
    ///     websocket.send(conn, "Hello from the other side", { type = websocket.DATA_TYPE_TEXT })
    ///   elseif data.event == websocket.EVENT_MESSAGE then
    ///     print("Receiving: " .. data.message)
    ///   elseif data.event == websocket.EVENT_ERROR then
    ///     print("Error: " .. data.message)
    ///   elseif data.event == websocket.EVENT_DISCONNECTED then
    ///     print("Disconnected: " .. data.code)
    ///   end
    /// end
    ///
    /// function init(self)
    ///   local params = { timeout = 3000, protocol = "chat" }
    ///   self.connection = websocket.connect("ws://127.0.0.1:8080/chat", params, websocket_callback)
    /// end
    ///
    /// function finalize(self)
    ///   if self.connection ~= nil then
    ///     websocket.disconnect(self.connection)
    ///   end
    /// end
    /// ```
    fn connect(
        &self,
        lua: &mlua::Lua,
        url: String,
        params: ConnectParams,
        callback: mlua::Function,
    ) -> mlua::Result<mlua::AnyUserData>;
    /// Sends a message on a connected websocket. Raises `send: connection is not connected` if the connection has not yet delivered `EVENT_CONNECTED` or is closing. Never blocks: the message is queued and written in the background, in order.
    /// - `connection`: The websocket connection.
    /// - `message`: The message to send.
    /// - `options`: Options for this particular message; may be `nil`.
    ///
    /// Returns `buffered`: The bytes queued on the connection and not yet written, this message included. Reference scripts ignore it; a producer pauses when it grows (see `EVENT_DRAIN`).
    ///
    /// Send a text and a binary message.
    /// ```lua
    /// websocket.send(conn, "Hello", { type = websocket.DATA_TYPE_TEXT })
    /// websocket.send(conn, "\0\1\2\255")  -- binary is the default
    /// ```
    fn send(
        &self,
        lua: &mlua::Lua,
        connection: Connection,
        message: Vec<u8>,
        options: SendOptions,
    ) -> mlua::Result<i64>;
    /// Explicitly closes a websocket. Messages already given to `send` are written first, then the close frame. The callback receives `EVENT_DISCONNECTED` once the close is complete.
    /// - `connection`: The websocket connection.
    /// - `code`: The close status code: `1000` or `3000`..`4999`, or one of `1001`..`1003`, `1007`..`1011` (RFC 6455 section 7.4).
    /// - `reason`: The close reason, at most 123 bytes of UTF-8.
    ///
    /// Close with a code and a reason.
    /// ```lua
    /// websocket.disconnect(conn, 4000, "game over")
    /// ```
    fn disconnect(
        &self,
        lua: &mlua::Lua,
        connection: Connection,
        code: i64,
        reason: Option<String>,
    ) -> mlua::Result<()>;
    /// Starts a non-secure (`ws://`) websocket server on every local address (IPv4 and IPv6), or on `options.host`. Incoming connections are reported to `callback` with `EVENT_CONNECTED`, whose `data` carries the request and the peer's address. Several servers may run at once, on different ports (*extension*).
    /// - `port`: The port to listen on; `0` picks a free port (*extension*).
    /// - `max_connections`: The most connections served at once; further clients are answered `503 Service Unavailable`.
    /// - `connection_timeout`: How long a client may take to complete its handshake before it is dropped.
    /// - `callback`: Callback that receives the events of every connection to the server.
    /// - `options`: The server's own settings; may be `nil`.
    ///
    /// Returns `port`: The port the server is bound to (useful with port `0`).
    ///
    /// An echo server.
    /// ```lua
    /// local function on_event(self, conn, data)
    ///   if data.event == websocket.EVENT_MESSAGE then
    ///     websocket.send(conn, data.message, { type = data.type })
    ///   end
    /// end
    ///
    /// function init(self)
    ///   websocket.listen(8080, 16, 1, on_event)
    /// end
    ///
    /// function finalize(self)
    ///   websocket.stop_listening()
    /// end
    /// ```
    fn listen(
        &self,
        lua: &mlua::Lua,
        port: i64,
        max_connections: i64,
        connection_timeout: f64,
        callback: mlua::Function,
        options: ListenOptions,
    ) -> mlua::Result<i64>;
    /// Stops the server: no new connections are accepted, and every connection to it is closed with code `1001` (each gets its `EVENT_DISCONNECTED`). Without a port, every server stops.
    /// - `port`: The port of the server to stop; all servers when `nil`.
    ///
    /// Stop the server when the script ends.
    /// ```lua
    /// function finalize(self)
    ///   websocket.stop_listening()
    /// end
    /// ```
    fn stop_listening(&self, lua: &mlua::Lua, port: Option<i64>) -> mlua::Result<()>;
    /// Sends one message to many connections: it is framed once and the same buffer is queued on each, so the payload is neither copied out of Lua nor framed again per connection. Connections that are not connected (yet, or any more) are skipped. A connection whose queue would pass `max_send_queue` is closed with `1008`, as with `send`, and the others get the message.
    /// - `connections`: The connections, as a sequence.
    /// - `message`: The message to send.
    /// - `options`: Options of the message, as for `send`; may be `nil`.
    ///
    /// Returns `count`: How many connections it was queued on.
    ///
    /// Send a chat line to everyone in a room.
    /// ```lua
    /// local room = {}  -- connection -> true, kept up to date by the server's callback
    /// local function say(text)
    ///   local members = {}
    ///   for conn in pairs(room) do members[#members + 1] = conn end
    ///   websocket.broadcast(members, text, { type = websocket.DATA_TYPE_TEXT })
    /// end
    /// ```
    fn broadcast(
        &self,
        lua: &mlua::Lua,
        connections: Vec<Connection>,
        message: Vec<u8>,
        options: SendOptions,
    ) -> mlua::Result<i64>;
    /// Adds a connection, or a Lua function, to a channel: every message `publish`ed on it afterwards, in this process or (with a broker) in any process sharing the broker, is queued on the connection (as by `send`) or passed to the function. A connection leaves all its channels when it disconnects. Subscribing twice is subscribing once.
    /// - `subscriber`: A connection, or a function `(self, channel, message, type)`.
    /// - `channel`: The channel's name, 1 to 256 bytes.
    ///
    /// Put each client in the room its URL names, on every server process.
    /// ```lua
    /// local function on_event(self, conn, data)
    ///   if data.event == websocket.EVENT_CONNECTED then
    ///     websocket.subscribe(conn, "room:" .. data.request_resource)
    ///   elseif data.event == websocket.EVENT_MESSAGE then
    ///     websocket.publish("room:" .. data.request_resource, data.message, { type = data.type })
    ///   end
    /// end
    /// ```
    fn subscribe(
        &self,
        lua: &mlua::Lua,
        subscriber: __wslua::Either<Connection, mlua::Function>,
        channel: Vec<u8>,
    ) -> mlua::Result<()>;
    /// Removes a connection, or a function, from a channel; nothing if it was not in it.
    /// - `subscriber`: The connection, or the same function given to `subscribe`.
    /// - `channel`: The channel's name.
    fn unsubscribe(
        &self,
        lua: &mlua::Lua,
        subscriber: __wslua::Either<Connection, mlua::Function>,
        channel: Vec<u8>,
    ) -> mlua::Result<()>;
    /// Sends a message to every subscriber of a channel: the connections and functions of this process at once, framed once as by `broadcast`, and through the broker (when one is configured and up) to those of every other process, each of which delivers it once. A process's own publish is not delivered to it twice. While the broker is down, the message reaches this process's subscribers only, and `broker_status().unrelayed` counts it.
    /// - `channel`: The channel's name, 1 to 256 bytes.
    /// - `message`: The message.
    /// - `options`: Options of the message, as for `send`; may be `nil`.
    ///
    /// Returns `count`: How many connections of this process it was queued on.
    ///
    /// Announce the next round to every player, whichever process serves them.
    /// ```lua
    /// websocket.publish("lobby", json.encode({ round = 2 }), { type = websocket.DATA_TYPE_TEXT })
    /// ```
    fn publish(&self, lua: &mlua::Lua, channel: Vec<u8>, message: Vec<u8>, options: SendOptions) -> mlua::Result<i64>;
    /// How the channels' broker is doing.
    ///
    /// Returns `status`: The broker's state and counts now.
    ///
    /// Warn when messages stop crossing to the other servers.
    /// ```lua
    /// local status = websocket.broker_status()
    /// if status.state == "down" then
    ///   print(status.unrelayed .. " messages reached this process only")
    /// end
    /// ```
    fn broker_status(&self, lua: &mlua::Lua) -> mlua::Result<BrokerReport>;
    /// What a connection has sent, received and queued, and the last round trip of a ping. Raises `stats: connection is closed` after its `EVENT_DISCONNECTED`.
    /// - `connection`: The websocket connection.
    ///
    /// Returns `stats`: The connection's figures now.
    ///
    /// Show the latency to the server.
    /// ```lua
    /// local stats = websocket.stats(conn)
    /// if stats.rtt then
    ///   print(string.format("ping %.1f ms, %d bytes waiting", stats.rtt * 1000, stats.buffered))
    /// end
    /// ```
    fn stats(&self, lua: &mlua::Lua, connection: Connection) -> mlua::Result<ConnectionStats>;
    /// Sends a ping now; its pong sets `stats(connection).rtt`. The keepalive's pings set it too.
    /// - `connection`: The websocket connection.
    ///
    /// Measure the round trip once a second (Defold style).
    /// ```lua
    /// function update(self, dt)
    ///   self.since_ping = (self.since_ping or 0) + dt
    ///   if self.since_ping > 1 then
    ///     self.since_ping = 0
    ///     websocket.ping(self.connection)
    ///   end
    /// end
    /// ```
    fn ping(&self, lua: &mlua::Lua, connection: Connection) -> mlua::Result<()>;
    /// Dispatches pending events to their callbacks, for scripts that `require "websocket"` from a stock interpreter (the `wslua` runner dispatches by itself). Waits up to `timeout` seconds for the first event if none is pending, without using the CPU.
    /// - `timeout`: How long to wait for a first event; `0` returns at once.
    ///
    /// Returns `count`: The number of events dispatched.
    ///
    /// A main loop that also does other work.
    /// ```lua
    /// local websocket = require "websocket"
    /// while running do
    ///   websocket.update(0.01)
    ///   do_other_work()
    /// end
    /// ```
    fn update(&self, lua: &mlua::Lua, timeout: f64) -> mlua::Result<i64>;
    /// Dispatches events as they arrive until no connection and no server is left, for scripts that `require "websocket"` from a stock interpreter.
    ///
    /// Connect, then hand control to the event loop.
    /// ```lua
    /// local websocket = require "websocket"
    /// websocket.connect("ws://127.0.0.1:8080/", nil, function(_, conn, data)
    ///   if data.event == websocket.EVENT_CONNECTED then
    ///     websocket.disconnect(conn)
    ///   end
    /// end)
    /// websocket.run()
    /// ```
    fn run(&self, lua: &mlua::Lua) -> mlua::Result<()>;
    /// A file descriptor for a program that waits in an event loop of its own (luv, cqueues, LuaSocket's `select`, a game's frame loop): it is readable while events are pending and, on Linux, as soon as a connection's socket has data, which the next `websocket.update` then reads on your thread (so a message through the descriptor waits for no other thread). Watch it for reading and call `websocket.update(0)` when it is readable; never read it yourself. It is level-triggered as loops see it (it stays readable until `update` has taken every pending event, so an `update` that stops early leaves it readable), and every event or arrival after that makes it readable again, so an edge-triggered watcher misses nothing either. Every call returns the same descriptor; it is close-on-exec, and a child made by `fork` must not use it (nor the module). On Linux it is an epoll set holding an `eventfd` and the connections' sockets, elsewhere on Unix a pipe.
    ///
    /// Returns `fd`: The descriptor's number.
    ///
    /// Events in a luv (libuv) loop, beside the loop's own timers.
    /// ```lua
    /// local uv = require "luv"
    /// local websocket = require "websocket"
    /// local poll = uv.new_poll(websocket.event_fd())
    /// poll:start("r", function() websocket.update(0) end)
    /// uv.run()
    /// ```
    fn event_fd(&self, lua: &mlua::Lua) -> mlua::Result<i64>;
}

/// Builds the `websocket` table: constants, and every function checking its arguments
/// before calling `api`.
pub fn register<A: WebsocketApi>(lua: &mlua::Lua, api: A) -> mlua::Result<mlua::Table> {
    let api = std::rc::Rc::new(api);
    let module = lua.create_table()?;
    module.raw_set("EVENT_CONNECTED", EVENT_CONNECTED)?;
    module.raw_set("EVENT_DISCONNECTED", EVENT_DISCONNECTED)?;
    module.raw_set("EVENT_MESSAGE", EVENT_MESSAGE)?;
    module.raw_set("EVENT_ERROR", EVENT_ERROR)?;
    module.raw_set("EVENT_DRAIN", EVENT_DRAIN)?;
    module.raw_set("DATA_TYPE_TEXT", DATA_TYPE_TEXT)?;
    module.raw_set("DATA_TYPE_BINARY", DATA_TYPE_BINARY)?;
    let __wslua_api = api.clone();
    let connect = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("connect");
            let url = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::string_on_stack, __wslua::read_string)?
            };
            let params = {
                let (arg, at) = __wslua_args.next_arg();
                arg.optional(&at, __wslua::table_on_stack::<ConnectParams>, ConnectParams::read)?.unwrap_or_default()
            };
            let callback = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::not_on_stack, __wslua::read_function)?
            };
            let result =
                __wslua_api.connect(lua, url, params, callback).map_err(|e| __wslua::in_function("connect", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("connect", __wslua::raising(lua, connect)?)?;
    let __wslua_api = api.clone();
    let send = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("send");
            let connection = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::handle_on_stack::<Connection>, Connection::read)?
            };
            let message = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::bytes_on_stack, __wslua::read_bytes)?
            };
            let options = {
                let (arg, at) = __wslua_args.next_arg();
                arg.optional(&at, __wslua::table_on_stack::<SendOptions>, SendOptions::read)?.unwrap_or_default()
            };
            let result =
                __wslua_api.send(lua, connection, message, options).map_err(|e| __wslua::in_function("send", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("send", __wslua::raising(lua, send)?)?;
    let __wslua_api = api.clone();
    let disconnect = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("disconnect");
            let connection = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::handle_on_stack::<Connection>, Connection::read)?
            };
            let code = {
                let (arg, at) = __wslua_args.next_arg();
                arg.optional(&at, __wslua::not_on_stack, |value, at: &__wslua::At| {
                    __wslua::read_integer(value, at)
                        .and_then(|v| __wslua::in_range(v, Some(1000), Some(4999)).map_err(|e| at.error(e)))
                })?
                .unwrap_or(1000)
            };
            let reason = {
                let (arg, at) = __wslua_args.next_arg();
                arg.optional(&at, __wslua::string_on_stack, __wslua::read_string)?
            };
            let result = __wslua_api
                .disconnect(lua, connection, code, reason)
                .map_err(|e| __wslua::in_function("disconnect", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("disconnect", __wslua::raising(lua, disconnect)?)?;
    let __wslua_api = api.clone();
    let listen = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("listen");
            let port = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::not_on_stack, |value, at: &__wslua::At| {
                    __wslua::read_integer(value, at)
                        .and_then(|v| __wslua::in_range(v, Some(0), Some(65535)).map_err(|e| at.error(e)))
                })?
            };
            let max_connections = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::not_on_stack, |value, at: &__wslua::At| {
                    __wslua::read_integer(value, at)
                        .and_then(|v| __wslua::in_range(v, Some(1), None).map_err(|e| at.error(e)))
                })?
            };
            let connection_timeout = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::not_on_stack, |value, at: &__wslua::At| {
                    __wslua::read_number(value, at)
                        .and_then(|v| __wslua::in_range(v, Some(0.001), Some(86400.0)).map_err(|e| at.error(e)))
                })?
            };
            let callback = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::not_on_stack, __wslua::read_function)?
            };
            let options = {
                let (arg, at) = __wslua_args.next_arg();
                arg.optional(&at, __wslua::table_on_stack::<ListenOptions>, ListenOptions::read)?.unwrap_or_default()
            };
            let result = __wslua_api
                .listen(lua, port, max_connections, connection_timeout, callback, options)
                .map_err(|e| __wslua::in_function("listen", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("listen", __wslua::raising(lua, listen)?)?;
    let __wslua_api = api.clone();
    let stop_listening = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("stop_listening");
            let port = {
                let (arg, at) = __wslua_args.next_arg();
                arg.optional(&at, __wslua::not_on_stack, |value, at: &__wslua::At| {
                    __wslua::read_integer(value, at)
                        .and_then(|v| __wslua::in_range(v, Some(0), Some(65535)).map_err(|e| at.error(e)))
                })?
            };
            let result = __wslua_api.stop_listening(lua, port).map_err(|e| __wslua::in_function("stop_listening", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("stop_listening", __wslua::raising(lua, stop_listening)?)?;
    let __wslua_api = api.clone();
    let broadcast = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("broadcast");
            let connections = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::not_on_stack, |value, at: &__wslua::At| {
                    __wslua::read_array(value, at, Connection::read)
                })?
            };
            let message = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::bytes_on_stack, __wslua::read_bytes)?
            };
            let options = {
                let (arg, at) = __wslua_args.next_arg();
                arg.optional(&at, __wslua::table_on_stack::<SendOptions>, SendOptions::read)?.unwrap_or_default()
            };
            let result = __wslua_api
                .broadcast(lua, connections, message, options)
                .map_err(|e| __wslua::in_function("broadcast", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("broadcast", __wslua::raising(lua, broadcast)?)?;
    let __wslua_api = api.clone();
    let subscribe = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("subscribe");
            let subscriber = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::not_on_stack, |value, at: &__wslua::At| {
                    __wslua::read_either(value, at, ["userdata", "function"], Connection::read, __wslua::read_function)
                })?
            };
            let channel = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::bytes_on_stack, __wslua::read_bytes)?
            };
            let result =
                __wslua_api.subscribe(lua, subscriber, channel).map_err(|e| __wslua::in_function("subscribe", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("subscribe", __wslua::raising(lua, subscribe)?)?;
    let __wslua_api = api.clone();
    let unsubscribe = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("unsubscribe");
            let subscriber = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::not_on_stack, |value, at: &__wslua::At| {
                    __wslua::read_either(value, at, ["userdata", "function"], Connection::read, __wslua::read_function)
                })?
            };
            let channel = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::bytes_on_stack, __wslua::read_bytes)?
            };
            let result =
                __wslua_api.unsubscribe(lua, subscriber, channel).map_err(|e| __wslua::in_function("unsubscribe", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("unsubscribe", __wslua::raising(lua, unsubscribe)?)?;
    let __wslua_api = api.clone();
    let publish = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("publish");
            let channel = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::bytes_on_stack, __wslua::read_bytes)?
            };
            let message = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::bytes_on_stack, __wslua::read_bytes)?
            };
            let options = {
                let (arg, at) = __wslua_args.next_arg();
                arg.optional(&at, __wslua::table_on_stack::<SendOptions>, SendOptions::read)?.unwrap_or_default()
            };
            let result =
                __wslua_api.publish(lua, channel, message, options).map_err(|e| __wslua::in_function("publish", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("publish", __wslua::raising(lua, publish)?)?;
    let __wslua_api = api.clone();
    let broker_status = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("broker_status");
            let result = __wslua_api.broker_status(lua).map_err(|e| __wslua::in_function("broker_status", e));
            result.and_then(|v| Ok(__wslua::to_table(lua, &v)?))
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("broker_status", __wslua::raising(lua, broker_status)?)?;
    let __wslua_api = api.clone();
    let stats = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("stats");
            let connection = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::handle_on_stack::<Connection>, Connection::read)?
            };
            let result = __wslua_api.stats(lua, connection).map_err(|e| __wslua::in_function("stats", e));
            result.and_then(|v| Ok(__wslua::to_table(lua, &v)?))
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("stats", __wslua::raising(lua, stats)?)?;
    let __wslua_api = api.clone();
    let ping = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("ping");
            let connection = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::handle_on_stack::<Connection>, Connection::read)?
            };
            let result = __wslua_api.ping(lua, connection).map_err(|e| __wslua::in_function("ping", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("ping", __wslua::raising(lua, ping)?)?;
    let __wslua_api = api.clone();
    let update = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("update");
            let timeout = {
                let (arg, at) = __wslua_args.next_arg();
                arg.optional(&at, __wslua::not_on_stack, |value, at: &__wslua::At| {
                    __wslua::read_number(value, at)
                        .and_then(|v| __wslua::in_range(v, Some(0.0), Some(86400.0)).map_err(|e| at.error(e)))
                })?
                .unwrap_or(0.0)
            };
            let result = __wslua_api.update(lua, timeout).map_err(|e| __wslua::in_function("update", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("update", __wslua::raising(lua, update)?)?;
    let __wslua_api = api.clone();
    let run = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("run");
            let result = __wslua_api.run(lua).map_err(|e| __wslua::in_function("run", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("run", __wslua::raising(lua, run)?)?;
    let __wslua_api = api.clone();
    let event_fd = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("event_fd");
            let result = __wslua_api.event_fd(lua).map_err(|e| __wslua::in_function("event_fd", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("event_fd", __wslua::raising(lua, event_fd)?)?;
    Ok(module)
}
