//! [`Runtime`]: the host-facing handle. Its methods return at once; the network work happens in
//! async-std tasks, which report back through the event queue.

use crate::client;
use crate::config::{Config, MAX_CLOSE_REASON};
use crate::event::{lock, ConnId, Event, EventKind, EventQueue};
use crate::server::{self, Listening};
use async_std::channel::{self, Receiver, Sender};
use async_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use async_tungstenite::tungstenite::protocol::CloseFrame;
use async_tungstenite::tungstenite::Message;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What a connection task is asked to do, in order.
pub(crate) enum Command {
    Send(Message),
    Ping,
    Close(CloseFrame),
}

/// The connection task's ends of what the engine holds for it.
pub(crate) struct Link {
    /// Sends and closes from the host, in order.
    pub commands: Receiver<Command>,
    /// For the keepalive's pings.
    pub pings: Sender<Command>,
    /// Bytes sent by the host and not yet written.
    pub queued: Arc<AtomicUsize>,
    /// Closes at once, bypassing the queue (the send queue overflowed).
    pub abort: Receiver<CloseFrame>,
}

/// A connection's state as the host has seen it: it changes when the host takes an event, so
/// `send` right after `EVENT_CONNECTED` works, and after `disconnect` fails, deterministically.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Visible {
    Connecting,
    Open,
    Closing,
}

struct Entry {
    commands: Sender<Command>,
    queued: Arc<AtomicUsize>,
    abort: Sender<CloseFrame>,
    visible: Visible,
    /// The `listen` that accepted it; `None` for client connections.
    listener: Option<u64>,
}

/// State shared by the host-facing [`Runtime`] and every task.
pub(crate) struct Shared {
    pub config: Config,
    pub queue: EventQueue,
    next_id: AtomicU64,
    conns: Mutex<HashMap<ConnId, Entry>>,
    listening: Mutex<Option<Listening>>,
}

impl Shared {
    /// A new connection in the table, and the link its task drives it through.
    pub fn register(&self, listener: Option<u64>) -> (ConnId, Link) {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let (commands, receiver) = channel::unbounded();
        let (abort, aborted) = channel::bounded(1);
        let queued = Arc::new(AtomicUsize::new(0));
        let link = Link { commands: receiver, pings: commands.clone(), queued: queued.clone(), abort: aborted };
        lock(&self.conns).insert(id, Entry { commands, queued, abort, visible: Visible::Connecting, listener });
        (id, link)
    }

    pub fn push(&self, conn: ConnId, kind: EventKind) {
        self.queue.push(Event { conn, kind });
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ConnectOptions {
    /// Covers name lookup, TCP, TLS and the handshake; `None` waits as long as the OS does.
    pub timeout: Option<Duration>,
    /// Sent as `Sec-WebSocket-Protocol`.
    pub protocol: Option<String>,
    /// `"Name: value"` lines separated by `"\r\n"` (see [`crate::parse_headers`]).
    pub headers: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataKind {
    Text,
    Binary,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendError {
    /// Not (yet, or any more) connected, as far as the host has been told.
    NotConnected,
    /// A text message must be UTF-8.
    NotUtf8,
}

impl std::fmt::Display for SendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SendError::NotConnected => "connection is not connected",
            SendError::NotUtf8 => "a text message must be valid UTF-8 (send it as binary)",
        })
    }
}

/// The engine. Dropping it closes every connection with 1001 (going away).
pub struct Runtime {
    shared: Arc<Shared>,
    next_listener: AtomicU64,
}

/// Wakes a [`Runtime::next_event`] wait from another thread, e.g. a signal handler.
#[derive(Clone)]
pub struct Interrupter(Arc<Shared>);

impl Interrupter {
    pub fn interrupt(&self) {
        self.0.queue.interrupt();
    }
}

impl Runtime {
    pub fn new(config: Config) -> Runtime {
        let shared = Shared {
            config,
            queue: EventQueue::default(),
            next_id: AtomicU64::new(1),
            conns: Mutex::default(),
            listening: Mutex::default(),
        };
        Runtime { shared: Arc::new(shared), next_listener: AtomicU64::new(1) }
    }

    #[cfg(test)]
    pub(crate) fn shared(&self) -> &Arc<Shared> {
        &self.shared
    }

    pub fn config(&self) -> &Config {
        &self.shared.config
    }

    /// Starts connecting. A malformed URL or header string is an error here, before anything is
    /// sent; every later failure arrives as an `Error` event followed by `Disconnected`.
    pub fn connect(&self, url: &str, options: ConnectOptions) -> Result<ConnId, String> {
        let target = client::Target::parse(url)?;
        let headers = match &options.headers {
            Some(text) => crate::parse_headers(text)?,
            None => Vec::new(),
        };
        let protocol_header = headers.iter().any(|(name, _)| name == "sec-websocket-protocol");
        if protocol_header && options.protocol.is_some() {
            return Err("the protocol is given both as 'protocol' and in 'headers'".into());
        }
        let (id, link) = self.shared.register(None);
        log::info!("connection {id}: connecting to {url}");
        let shared = self.shared.clone();
        async_std::task::spawn(client::run(shared, id, target, options, headers, link));
        Ok(id)
    }

    /// Queues a message. Past `max_send_queue` bytes not yet written (a peer that does not
    /// read), the connection is closed with 1008 instead, and the message dropped.
    pub fn send(&self, conn: ConnId, data: Vec<u8>, kind: DataKind) -> Result<(), SendError> {
        let mut conns = lock(&self.shared.conns);
        let entry = conns.get_mut(&conn).filter(|e| e.visible == Visible::Open).ok_or(SendError::NotConnected)?;
        if log::log_enabled!(log::Level::Debug) {
            let preview = crate::connection::preview(&data, kind == DataKind::Text);
            log::debug!("connection {conn}: sending {preview} ({} bytes)", data.len());
        }
        let message = match kind {
            DataKind::Binary => Message::Binary(data.into()),
            DataKind::Text => Message::Text(String::from_utf8(data).map_err(|_| SendError::NotUtf8)?.into()),
        };
        let limit = self.shared.config.max_send_queue;
        let size = data_len(&message);
        if entry.queued.fetch_add(size, Ordering::SeqCst) + size > limit {
            entry.visible = Visible::Closing;
            let reason = format!("send queue over {limit} bytes: the peer is not reading");
            log::info!("connection {conn}: {reason}");
            let _ = entry.abort.try_send(CloseFrame { code: CloseCode::Policy, reason: reason.into() });
            return Ok(());
        }
        // A closed channel means the task has ended and its Disconnected event is queued.
        let _ = entry.commands.try_send(Command::Send(message));
        Ok(())
    }

    /// Closes with `code` and `reason` once the messages already sent are written.
    pub fn disconnect(&self, conn: ConnId, code: u16, reason: &str) -> Result<(), String> {
        check_close(code, reason)?;
        let mut conns = lock(&self.shared.conns);
        let entry = conns.get_mut(&conn).ok_or("connection is closed")?;
        close(conn, entry, code, reason);
        Ok(())
    }

    /// Listens on `port` (0 picks one) on every IPv4 and IPv6 address. Returns the bound port and
    /// the listener's id, which the `Connected` events of its connections carry.
    pub fn listen(&self, port: u16, max_connections: usize, handshake_timeout: Duration) -> Result<(u16, u64), String> {
        let mut listening = lock(&self.shared.listening);
        if let Some(current) = listening.as_ref() {
            return Err(format!("already listening on port {}; call stop_listening first", current.port));
        }
        let id = self.next_listener.fetch_add(1, Ordering::Relaxed);
        let server = server::listen(&self.shared, id, port, max_connections, handshake_timeout)
            .map_err(|e| format!("cannot listen on port {port}: {e}"))?;
        let bound = server.port;
        *listening = Some(server);
        log::info!("listening on port {bound}");
        Ok((bound, id))
    }

    /// Stops accepting and closes every connection the server accepted with 1001. Returns false
    /// if nothing was listening.
    pub fn stop_listening(&self) -> bool {
        let Some(server) = lock(&self.shared.listening).take() else {
            return false;
        };
        let id = server.id;
        server.stop();
        for (conn, entry) in lock(&self.shared.conns).iter_mut().filter(|(_, e)| e.listener == Some(id)) {
            close(*conn, entry, 1001, "server stopped");
        }
        log::info!("stopped listening");
        true
    }

    /// Stops the server and closes every connection with 1001; their events still arrive.
    pub fn shutdown(&self) {
        self.stop_listening();
        for (conn, entry) in lock(&self.shared.conns).iter_mut() {
            close(*conn, entry, 1001, "going away");
        }
    }

    /// The next event, waiting up to `timeout` (`None`: until one arrives or an interrupt).
    pub fn next_event(&self, timeout: Option<Duration>) -> Option<Event> {
        let event = self.shared.queue.pop(timeout)?;
        // What the script may do with a connection changes as it learns of it, not before.
        match event.kind {
            EventKind::Connected(_) => {
                let mut conns = lock(&self.shared.conns);
                if let Some(entry) = conns.get_mut(&event.conn).filter(|e| e.visible == Visible::Connecting) {
                    entry.visible = Visible::Open;
                }
            }
            EventKind::Disconnected { .. } => {
                lock(&self.shared.conns).remove(&event.conn);
            }
            _ => {}
        }
        Some(event)
    }

    /// How many events are queued.
    pub fn pending(&self) -> usize {
        self.shared.queue.len()
    }

    /// No connection (until its Disconnected event is taken) and no server is left.
    pub fn is_idle(&self) -> bool {
        lock(&self.shared.conns).is_empty() && lock(&self.shared.listening).is_none()
    }

    pub fn interrupter(&self) -> Interrupter {
        Interrupter(self.shared.clone())
    }
}

impl Drop for Runtime {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// The payload size of a data message, as the send queue counts it.
pub(crate) fn data_len(message: &Message) -> usize {
    match message {
        Message::Text(text) => text.len(),
        Message::Binary(data) => data.len(),
        _ => 0,
    }
}

fn close(conn: ConnId, entry: &mut Entry, code: u16, reason: &str) {
    if entry.visible == Visible::Closing {
        return;
    }
    entry.visible = Visible::Closing;
    log::info!("connection {conn}: closing with {code} {reason:?}");
    let frame = CloseFrame { code: CloseCode::from(code), reason: reason.to_string().into() };
    let _ = entry.commands.try_send(Command::Close(frame));
}

/// The codes an endpoint may send (RFC 6455 7.4), and a reason that fits a control frame.
fn check_close(code: u16, reason: &str) -> Result<(), String> {
    if !matches!(code, 1000..=1003 | 1007..=1011 | 3000..=4999) {
        return Err(format!("close code {code} cannot be sent (use 1000, 1001-1003, 1007-1011 or 3000-4999)"));
    }
    if reason.len() > MAX_CLOSE_REASON {
        return Err(format!("close reason is {} bytes, at most {MAX_CLOSE_REASON} fit", reason.len()));
    }
    Ok(())
}
