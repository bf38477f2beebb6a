//! The host: the generated `WebsocketApi` trait implemented on the runtime, the connection
//! handles, and the pump that turns runtime events into callback calls on the Lua thread.

use crate::glue::{
    self, BrokerReport, CallbackData, CompressionSettings, ConnectParams, Connection, ConnectionStats,
    HandshakeResponse, ListenOptions, SendOptions, TlsClient, UpgradeRequest, WebsocketApi,
};
use mlua::{AnyUserData, Function, Lua, Table, Value};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::path::PathBuf;
use std::rc::Rc;
use std::time::Duration;
use wslua_glue_support::Either;
use wslua_runtime::{
    BrokerState, ConnId, ConnectOptions, DataKind, DeflateSettings, Error, Event, EventKind, Handshake, Headers,
    HttpReply, ListenerId, Message, Proxy, Publication, Request, Runtime, TlsFiles, Verdict,
};

/// A size the glue has checked is not negative.
fn size(bytes: Option<i64>) -> Option<usize> {
    bytes.map(|b| usize::try_from(b).unwrap_or(usize::MAX))
}

/// A message from Lua, of the kind `options.type` says.
fn outgoing(data: Vec<u8>, options: &SendOptions) -> Message {
    let kind = if options.r#type == glue::DATA_TYPE_TEXT { DataKind::Text } else { DataKind::Binary };
    Message { data: data.into(), kind }
}

/// A count as Lua's integers hold it.
fn integer(count: impl TryInto<i64>) -> i64 {
    count.try_into().unwrap_or(i64::MAX)
}

/// Cheap to clone: every clone drives the same runtime and callbacks.
#[derive(Clone)]
pub struct Host(Rc<Inner>);

struct Inner {
    runtime: Runtime,
    lua_state: RefCell<LuaState>,
    /// What becomes of HTTP replies: the runner's `http` sets it (the module makes no requests).
    http_replies: RefCell<Option<Rc<HttpReplies>>>,
    /// Set for a worker of `wslua --workers`: every `listen` shares its port.
    shares_ports: Cell<bool>,
    /// Said once, at the first use of channels (a worker's channels without a broker).
    channels_note: RefCell<Option<String>>,
}

/// Handles an HTTP request's event: `(lua, self, reply)`.
pub type HttpReplies = dyn Fn(&Lua, &Value, HttpReply);

#[derive(Default)]
struct LuaState {
    /// Each live connection's one userdata (so it keeps its identity) and callback, in Lua
    /// tables keyed by its id (made at the first connection). Not held in Rust: mlua keeps every
    /// value Rust holds in a slot of one auxiliary Lua stack, which LuaJIT caps at 8,000 values,
    /// so a value per connection would cap the connections of a process there.
    conns: Option<Conns>,
    /// The callbacks of each running `listen`. A connection accepted just before its server
    /// stopped arrives when they are gone, and is not shown: the runtime closes it.
    listeners: HashMap<ListenerId, Server>,
    /// The `self` passed to callbacks, shared with each call rather than cloned into it (a
    /// table's clone is a reference in mlua's registry, made and dropped per event).
    instance: Rc<Value>,
    /// The Lua functions subscribed to each channel, in the order they subscribed.
    subscribers: HashMap<Vec<u8>, Vec<Function>>,
}

#[derive(Clone)]
struct Server {
    /// For the connections it accepts.
    callback: Function,
    /// Its `accept` hook.
    accept: Option<Function>,
}

struct Conns {
    handles: Table,
    callbacks: Table,
}

impl Conns {
    fn new(lua: &Lua) -> mlua::Result<Conns> {
        Ok(Conns { handles: lua.create_table()?, callbacks: lua.create_table()? })
    }
}

impl Host {
    pub fn new(config: wslua_runtime::Config) -> Host {
        Host(Rc::new(Inner {
            runtime: Runtime::new(config),
            lua_state: RefCell::default(),
            http_replies: RefCell::default(),
            shares_ports: Cell::new(false),
            channels_note: RefCell::default(),
        }))
    }

    /// This process is one of several workers serving the same ports: every `listen` shares its
    /// port (`reuse_port`), and `note`, when given, is said at the first use of channels.
    pub fn as_worker(&self, note: Option<String>) {
        self.0.shares_ports.set(true);
        *self.0.channels_note.borrow_mut() = note;
    }

    /// Says the channels note, once.
    fn channels_used(&self) {
        if let Some(note) = self.0.channels_note.borrow_mut().take() {
            eprintln!("websocket: {note}");
        }
    }

    /// Where the events of HTTP requests go from now on.
    pub fn on_http_reply(&self, handler: Rc<HttpReplies>) {
        *self.0.http_replies.borrow_mut() = Some(handler);
    }

    pub fn runtime(&self) -> &Runtime {
        &self.0.runtime
    }

    /// The value callbacks receive as `self` (the script instance in the runner's lifecycle).
    pub fn set_instance(&self, instance: Value) {
        self.state().instance = Rc::new(instance);
    }

    pub fn instance(&self) -> Rc<Value> {
        self.state().instance.clone()
    }

    fn state(&self) -> std::cell::RefMut<'_, LuaState> {
        self.0.lua_state.borrow_mut()
    }

    /// Keeps a new connection's handle and callback.
    fn add_conn(&self, lua: &Lua, id: ConnId, handle: &AnyUserData, callback: &Function) -> mlua::Result<()> {
        let mut state = self.state();
        let conns = match &mut state.conns {
            Some(conns) => conns,
            none => none.insert(Conns::new(lua)?),
        };
        conns.handles.raw_set(id, handle)?;
        conns.callbacks.raw_set(id, callback)
    }

    /// A live connection's handle and callback; with `end`, forgotten after this.
    fn conn(&self, id: ConnId, end: bool) -> mlua::Result<Option<(AnyUserData, Function)>> {
        let state = self.state();
        let Some(conns) = &state.conns else { return Ok(None) };
        let found = match conns.handles.raw_get::<Option<AnyUserData>>(id)? {
            Some(handle) => Some((handle, conns.callbacks.raw_get::<Function>(id)?)),
            None => None,
        };
        if end && found.is_some() {
            conns.handles.raw_set(id, Value::Nil)?;
            conns.callbacks.raw_set(id, Value::Nil)?;
        }
        Ok(found)
    }

    /// Dispatches the events already queued, waiting up to `timeout` (`None`: without limit)
    /// for the first. An error raised by a callback is reported and the next event still
    /// dispatched. Returns how many were dispatched.
    ///
    /// Runs in [`Runtime::block_on`], or in [`Runtime::host_loop`] for a loop of them (see there).
    pub async fn dispatch(&self, lua: &Lua, timeout: Option<Duration>) -> usize {
        let Some(mut event) = self.runtime().event(timeout).await else { return 0 };
        let _batch = self.runtime().batch();
        // Only what is queued now: a callback that keeps a peer talking cannot starve the caller.
        let budget = self.runtime().pending() + 1;
        let mut count = 0;
        loop {
            let mut after = None;
            let (delivered, result) = self.deliver(lua, event, budget - count, &mut after);
            if let Err(err) = result {
                report_callback_error(&err);
            }
            count += delivered;
            match after.or_else(|| (count < budget).then(|| self.runtime().queued_event()).flatten()) {
                Some(next) => event = next,
                None => return count,
            }
        }
    }

    /// Delivers `event` and, when it is a connection's, the messages of that connection queued
    /// right after it, in one call into Lua ([`glue::call_callback_each`]), up to `budget`
    /// events. Returns how many it delivered; the first other event it took is left in `after`.
    fn deliver(&self, lua: &Lua, event: Event, budget: usize, after: &mut Option<Event>) -> (usize, mlua::Result<()>) {
        let id = event.conn;
        let found = match event.kind {
            EventKind::Admit(request) => return (1, self.admit(lua, id, *request)),
            EventKind::Published(publication) => return (1, self.published(lua, *publication)),
            EventKind::Http(reply) => {
                let handler = self.0.http_replies.borrow().clone();
                if let Some(handler) = handler {
                    handler(lua, &self.instance(), *reply);
                }
                return (1, Ok(()));
            }
            EventKind::Connected(Handshake::Server(ref request)) => {
                let server = self.state().listeners.get(&request.listener).cloned();
                let Some(Server { callback, .. }) = server else { return (1, Ok(())) };
                lua.create_userdata(Connection(id))
                    .and_then(|handle| self.add_conn(lua, id, &handle, &callback).map(|()| Some((handle, callback))))
            }
            _ => self.conn(id, matches!(event.kind, EventKind::Disconnected { .. })),
        };
        let (handle, callback) = match found {
            Ok(Some(conn)) => conn,
            Ok(None) => return (1, Ok(())),
            Err(err) => return (1, Err(err)),
        };
        let instance = self.state().instance.clone();
        let mut data = callback_data(event.kind);
        if data.event == glue::EVENT_CONNECTED {
            if let Ok(stats) = self.runtime().stats(id) {
                data.protocol = stats.protocol;
                data.extensions = Some(stats.extensions);
            }
        }
        let mut delivered = 0;
        let mut next = |data: &mut Option<CallbackData>| {
            delivered += 1;
            let taken = if delivered < budget { self.runtime().queued_event() } else { None };
            match (taken, data.as_mut()) {
                (Some(Event { conn, kind: EventKind::Message(message) }), Some(data)) if conn == id => {
                    // A message's table has the same fields as the one before it, if that was one.
                    if data.event != glue::EVENT_MESSAGE {
                        *data = CallbackData::default();
                    }
                    message_data(data, message);
                }
                (other, _) => {
                    *after = other;
                    *data = None;
                }
            }
        };
        let mut data = Some(data);
        let result = glue::call_callback_each(lua, &callback, &instance, &handle, &mut data, &mut next);
        // The call that raised an error did not ask for the next.
        (delivered + usize::from(result.is_err()), result)
    }

    /// Passes a channel's message to each Lua function subscribed to it; an error in one is
    /// reported and the others still get it.
    fn published(&self, lua: &Lua, Publication { channel, message }: Publication) -> mlua::Result<()> {
        let functions = self.state().subscribers.get(&channel).cloned().unwrap_or_default();
        let instance = self.instance();
        let (name, payload, kind) =
            (lua.create_string(channel)?, lua.create_string(&message.data)?, data_type(message.kind));
        for function in functions {
            let called = glue::call_subscriber(lua, &function, &instance, &name, &payload, kind);
            if let Err(err) = called {
                report_callback_error(&err);
            }
        }
        Ok(())
    }

    /// Puts a subscriber in a channel (`on`) or takes it out. Lua functions are the host's:
    /// the runtime delivers a channel's messages to the host while it has one.
    fn subscription(&self, subscriber: Either<Connection, Function>, channel: &[u8], on: bool) -> Result<(), Error> {
        let function = match subscriber {
            Either::First(connection) => return self.runtime().subscribe(connection.0, channel, on),
            Either::Second(function) => function,
        };
        let mut state = self.state();
        let functions = state.subscribers.entry(channel.to_vec()).or_default();
        functions.retain(|f| *f != function);
        if on {
            functions.push(function);
        }
        let any = !functions.is_empty();
        if !any {
            state.subscribers.remove(channel);
        }
        drop(state);
        self.runtime().subscribe_host(channel, any)
    }

    /// Asks a server's `accept` hook about `request` and answers the runtime, whatever happens:
    /// an error in the hook refuses with 500 (and is reported as a callback's is).
    fn admit(&self, lua: &Lua, ticket: ConnId, request: Request) -> mlua::Result<()> {
        let accept = self.state().listeners.get(&request.listener).and_then(|s| s.accept.clone());
        let Some(accept) = accept else {
            // The server stopped while the request waited.
            let body = Some(b"server stopped\n".to_vec());
            self.runtime().admit(ticket, Verdict::Refuse { status: 503, body });
            return Ok(());
        };
        let instance = self.instance();
        let answer = glue::call_accept(lua, &accept, &instance, &upgrade_request(request));
        let verdict = match &answer {
            Ok((true, _, _)) => Verdict::Accept,
            // The glue has checked the status is 400..=599.
            Ok((false, status, body)) => {
                Verdict::Refuse { status: u16::try_from(*status).unwrap_or(403), body: body.clone() }
            }
            Err(_) => Verdict::Refuse { status: 500, body: None },
        };
        self.runtime().admit(ticket, verdict);
        if let Err(err) = answer {
            log::error!("error in accept hook (refused with 500): {err}");
        }
        Ok(())
    }
}

fn upgrade_request(request: Request) -> UpgradeRequest {
    UpgradeRequest {
        method: request.method,
        resource: request.resource,
        headers: request.headers,
        ip_address: request.peer.ip().to_string(),
        port: request.peer.port().into(),
        protocols: request.protocols,
    }
}

/// The `data` table of an event, field by field as api.yaml describes it. Payloads stay in the
/// engine's buffers until the glue copies them into Lua strings.
fn callback_data(kind: EventKind) -> CallbackData {
    let mut data = CallbackData::default();
    match kind {
        EventKind::Connected(handshake) => {
            data.event = glue::EVENT_CONNECTED;
            match handshake {
                Handshake::Client { response_headers } => data.response_headers = Some(response_headers),
                Handshake::Server(request) => {
                    data.request_method = Some(request.method);
                    data.request_resource = Some(request.resource);
                    data.request_headers = Some(request.headers);
                    data.ip_address = Some(request.peer.ip().to_string());
                    data.port = Some(request.peer.port().into());
                }
            }
        }
        EventKind::Message(message) => message_data(&mut data, message),
        EventKind::Error { kind, message, response } => {
            data.event = glue::EVENT_ERROR;
            data.message = Some(message.into_string().into());
            data.error_kind = Some(kind.as_str().into());
            data.handshake_response = response.map(|r| HandshakeResponse {
                status: r.status.into(),
                headers: r.headers,
                response: r.body.into(),
            });
        }
        EventKind::Drain => {
            data.event = glue::EVENT_DRAIN;
            data.buffered = Some(0);
        }
        EventKind::Disconnected { code, reason } => {
            data.event = glue::EVENT_DISCONNECTED;
            data.code = Some(code.into());
            data.reason = Some(reason);
        }
        // Answered by `Host::admit`, `Host::published` and the HTTP handler: no connection's
        // callback sees them.
        EventKind::Admit(_) | EventKind::Published(_) | EventKind::Http(_) => {}
    }
    data
}

/// The fields of a message's `data`.
fn message_data(data: &mut CallbackData, message: Message) {
    data.event = glue::EVENT_MESSAGE;
    data.r#type = Some(data_type(message.kind));
    data.message = Some(message.data);
}

/// A message's kind as `data.type` says it.
fn data_type(kind: DataKind) -> i64 {
    match kind {
        DataKind::Text => glue::DATA_TYPE_TEXT,
        DataKind::Binary => glue::DATA_TYPE_BINARY,
    }
}

/// Errors in callbacks must not stop the pump: logged (at the error level, which is always on)
/// with their traceback.
pub fn report_callback_error(err: &mlua::Error) {
    log::error!("error in callback: {}", lua_error_text(err));
}

/// A Lua error as a script's author reads it: its message and traceback, without the frame of
/// the message handler that made the traceback (a `[C]: in ?` that every traceback would
/// start with).
pub fn lua_error_text(err: &mlua::Error) -> String {
    err.to_string().replace("stack traceback:\n\t[C]: in ?\n", "stack traceback:\n")
}

/// A `compression` option as the engine takes it: whether to compress, and how (a table means
/// on; what it leaves out comes from the config).
fn compression(
    option: Option<Either<bool, CompressionSettings>>,
    config: DeflateSettings,
) -> (Option<bool>, Option<DeflateSettings>) {
    match option {
        None => (None, None),
        Some(Either::First(on)) => (Some(on), None),
        Some(Either::Second(table)) => {
            // The glue checked both ranges.
            let bits = table.window_bits.map_or(config.window_bits, |bits| bits as u8);
            let level = table.mem_level.map_or(config.mem_level, |level| level as u8);
            (Some(true), Some(DeflateSettings { window_bits: bits, mem_level: level }))
        }
    }
}

fn tls_client(tls: TlsClient) -> wslua_runtime::TlsClient {
    wslua_runtime::TlsClient {
        ca_file: tls.ca_file.map(PathBuf::from),
        verify: tls.verify,
        server_name: tls.server_name,
    }
}

/// An engine error as a Lua error; the glue puts the function's name in front.
fn runtime_error(error: wslua_runtime::Error) -> mlua::Error {
    mlua::Error::RuntimeError(error.to_string())
}

impl WebsocketApi for Host {
    fn connect(&self, lua: &Lua, url: String, params: ConnectParams, callback: Function) -> mlua::Result<AnyUserData> {
        let (compression, deflate) = compression(params.compression, self.runtime().config().deflate);
        let options = ConnectOptions {
            timeout: u64::try_from(params.timeout).ok().filter(|ms| *ms > 0).map(Duration::from_millis),
            protocol: params.protocol,
            headers: params.headers.map(|headers| match headers {
                Either::First(text) => Headers::Text(text),
                Either::Second(pairs) => Headers::Pairs(pairs),
            }),
            drain_threshold: size(params.drain_threshold),
            tls: tls_client(params.tls),
            compression,
            deflate,
            proxy: match params.proxy {
                None | Some(Either::First(true)) => Proxy::FromEnvironment,
                Some(Either::First(false)) => Proxy::Off,
                Some(Either::Second(url)) => Proxy::Url(url),
            },
        };
        let id = self.runtime().connect(&url, options).map_err(runtime_error)?;
        let handle = lua.create_userdata(Connection(id))?;
        self.add_conn(lua, id, &handle, &callback)?;
        Ok(handle)
    }

    fn send(&self, _: &Lua, connection: Connection, message: Vec<u8>, options: SendOptions) -> mlua::Result<i64> {
        let message = outgoing(message, &options);
        let buffered = self.runtime().send(connection.0, message).map_err(runtime_error)?;
        Ok(integer(buffered))
    }

    fn broadcast(
        &self,
        _: &Lua,
        connections: Vec<Connection>,
        message: Vec<u8>,
        options: SendOptions,
    ) -> mlua::Result<i64> {
        let ids: Vec<ConnId> = connections.iter().map(|c| c.0).collect();
        let message = outgoing(message, &options);
        let count = self.runtime().broadcast(&ids, message).map_err(runtime_error)?;
        Ok(integer(count))
    }

    fn stats(&self, _: &Lua, connection: Connection) -> mlua::Result<ConnectionStats> {
        let stats = self.runtime().stats(connection.0).map_err(runtime_error)?;
        Ok(ConnectionStats {
            buffered: integer(stats.buffered),
            bytes_sent: integer(stats.bytes_sent),
            bytes_received: integer(stats.bytes_received),
            messages_sent: integer(stats.messages_sent),
            messages_received: integer(stats.messages_received),
            rtt: stats.rtt.map(|rtt| rtt.as_secs_f64()),
            connected_for: stats.connected_for.as_secs_f64(),
            protocol: stats.protocol,
            extensions: stats.extensions,
        })
    }

    fn subscribe(&self, _: &Lua, subscriber: Either<Connection, Function>, channel: Vec<u8>) -> mlua::Result<()> {
        self.channels_used();
        self.subscription(subscriber, &channel, true).map_err(runtime_error)
    }

    fn unsubscribe(&self, _: &Lua, subscriber: Either<Connection, Function>, channel: Vec<u8>) -> mlua::Result<()> {
        self.subscription(subscriber, &channel, false).map_err(runtime_error)
    }

    fn publish(&self, _: &Lua, channel: Vec<u8>, message: Vec<u8>, options: SendOptions) -> mlua::Result<i64> {
        self.channels_used();
        let message = outgoing(message, &options);
        let count = self.runtime().publish(&channel, message).map_err(runtime_error)?;
        Ok(integer(count))
    }

    fn broker_status(&self, _: &Lua) -> mlua::Result<BrokerReport> {
        let status = self.runtime().broker_status();
        Ok(BrokerReport {
            state: match status.state {
                BrokerState::Off => "off",
                BrokerState::Up => "up",
                BrokerState::Down => "down",
            }
            .to_string(),
            relayed: integer(status.relayed),
            unrelayed: integer(status.unrelayed),
            received: integer(status.received),
            channels: integer(status.channels),
        })
    }

    fn ping(&self, _: &Lua, connection: Connection) -> mlua::Result<()> {
        self.runtime().ping(connection.0).map_err(runtime_error)
    }

    fn disconnect(&self, _: &Lua, connection: Connection, code: i64, reason: Option<String>) -> mlua::Result<()> {
        // The glue has checked it is 1000..=4999.
        let code = u16::try_from(code).unwrap_or_default();
        let reason = reason.unwrap_or_default();
        self.runtime().disconnect(connection.0, code, &reason).map_err(runtime_error)
    }

    fn listen(
        &self,
        _: &Lua,
        port: i64,
        max_connections: i64,
        connection_timeout: f64,
        callback: Function,
        options: ListenOptions,
    ) -> mlua::Result<i64> {
        // The glue has checked the bounds api.yaml gives them.
        let port = u16::try_from(port).unwrap_or_default();
        let max = usize::try_from(max_connections).unwrap_or(usize::MAX);
        let timeout = Duration::from_secs_f64(connection_timeout);
        let accept = options.accept;
        let (compression, deflate) = compression(options.compression, self.runtime().config().deflate);
        let options = wslua_runtime::ListenOptions {
            drain_threshold: size(options.drain_threshold),
            host: options.host,
            protocols: options.protocols.unwrap_or_default(),
            tls: options.tls.map(|t| TlsFiles { certificate: t.certificate.into(), key: t.key.into() }),
            compression,
            deflate,
            admission: accept.is_some(),
            reuse_port: options.reuse_port || self.0.shares_ports.get(),
        };
        let listener = self.runtime().listen(port, max, timeout, options).map_err(runtime_error)?;
        self.state().listeners.insert(listener.id, Server { callback, accept });
        Ok(listener.port.into())
    }

    fn stop_listening(&self, _: &Lua, port: Option<i64>) -> mlua::Result<()> {
        // The glue has checked the port is 0..=65535.
        let port = port.map(|p| u16::try_from(p).unwrap_or_default());
        for stopped in self.runtime().stop_listening(port) {
            self.state().listeners.remove(&stopped.id);
        }
        Ok(())
    }

    fn update(&self, lua: &Lua, timeout: f64) -> mlua::Result<i64> {
        // The glue has checked it is a number of seconds from 0 to a day.
        let timeout = Duration::try_from_secs_f64(timeout).unwrap_or_default();
        let dispatch = self.dispatch(lua, Some(timeout));
        let count = if timeout.is_zero() { self.runtime().now(dispatch) } else { self.runtime().block_on(dispatch) };
        Ok(count as i64)
    }

    fn event_fd(&self, _: &Lua) -> mlua::Result<i64> {
        self.runtime().event_fd().map(i64::from).map_err(runtime_error)
    }

    fn run(&self, lua: &Lua) -> mlua::Result<()> {
        self.runtime().host_loop(async {
            while !self.runtime().is_idle() {
                self.dispatch(lua, None).await;
            }
        });
        Ok(())
    }
}
