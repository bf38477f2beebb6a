//! What the engine reports to the host: the events and what they carry.

use crate::error::FailureKind;
use async_tungstenite::tungstenite::Bytes;
use std::net::SocketAddr;

/// Identifies a connection for its whole life; never reused.
pub type ConnId = u64;

/// The `conn` of events that belong to no connection ([`EventKind::Published`]).
pub const HOST: ConnId = 0;

/// Identifies one `listen` for its whole life; never reused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ListenerId(pub(crate) u64);

/// Whether a message's payload is text (valid UTF-8) or any bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataKind {
    Text,
    Binary,
}

/// A data message, as sent by the host and as received from a peer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// Shared, not copied, on its way between the socket and the host.
    pub data: Bytes,
    pub kind: DataKind,
}

impl Message {
    pub fn text(data: impl Into<Bytes>) -> Message {
        Message { data: data.into(), kind: DataKind::Text }
    }

    pub fn binary(data: impl Into<Bytes>) -> Message {
        Message { data: data.into(), kind: DataKind::Binary }
    }

    /// A short, printable view for the debug log.
    pub(crate) fn preview(&self) -> String {
        const MAX: usize = 64;
        let shown = &self.data[..self.data.len().min(MAX)];
        let more = if self.data.len() > MAX { "..." } else { "" };
        match self.kind {
            DataKind::Text => format!("text {:?}{more}", String::from_utf8_lossy(shown)),
            DataKind::Binary => {
                format!("binary {}{more}", shown.iter().map(|b| format!("{b:02x}")).collect::<String>())
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub conn: ConnId,
    pub kind: EventKind,
}

// An event is moved several times on its way to the host, once per message, and the host reads
// it from the cache lines of the network thread that wrote it: what is larger than a message is
// boxed, so an event is a message's size and a move is a few words, not a call to memcpy.
const _: () = assert!(std::mem::size_of::<Event>() <= 48);

#[derive(Debug, Clone, PartialEq)]
pub enum EventKind {
    /// The handshake completed.
    Connected(Handshake),
    Message(Message),
    /// Connecting failed; `Disconnected` follows.
    Error {
        kind: FailureKind,
        message: Box<str>,
        response: Option<Box<HandshakeResponse>>,
    },
    /// The send queue, after holding at least the connection's drain threshold, has been
    /// written out.
    Drain,
    /// The last event of every connection.
    Disconnected {
        code: u16,
        reason: String,
    },
    /// A server with an admission hook asks whether to accept an upgrade request. The event's
    /// `conn` is the ticket to answer with ([`crate::Runtime::admit`]); no connection has it.
    Admit(Box<Request>),
    /// A message on a channel the host subscribes to ([`crate::Runtime::subscribe_host`]);
    /// the event's `conn` is [`HOST`].
    Published(Box<Publication>),
    /// Progress or the end of an HTTP request ([`crate::Runtime::http_request`]); the event's
    /// `conn` is [`HOST`].
    Http(Box<HttpReply>),
}

/// What an HTTP request reports: progress (`done` false: the byte counts), or its end with the
/// response, or with `error` when none came (`status` 0) or its body could not be taken.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HttpReply {
    /// The request's id, as starting it returned.
    pub id: u64,
    /// The response's status; 0 when no response came.
    pub status: u16,
    /// Names in lower case, repeated headers joined with `", "`.
    pub headers: Vec<(String, String)>,
    /// The body, when held in memory.
    pub body: Option<Bytes>,
    /// The file the body was written to.
    pub path: Option<std::path::PathBuf>,
    pub error: Option<String>,
    /// What failed, as [`FailureKind::as_str`] words it, when no response came.
    pub error_kind: Option<&'static str>,
    pub bytes_received: Option<u64>,
    pub bytes_total: Option<u64>,
    /// A 206's `Content-Range`: first and last byte, and the whole document's size.
    pub range: Option<(u64, u64, Option<u64>)>,
    /// The last event of the request.
    pub done: bool,
}

/// A message on a channel ([`EventKind::Published`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Publication {
    pub channel: Vec<u8>,
    pub message: Message,
}

/// The host's answer to [`EventKind::Admit`].
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    Accept,
    /// Answered with this HTTP status and plain text body (by default the status's reason
    /// phrase), and closed.
    Refuse {
        status: u16,
        body: Option<Vec<u8>>,
    },
}

/// What a completed handshake told each side.
#[derive(Debug, Clone, PartialEq)]
pub enum Handshake {
    /// A client's: the `101` response's headers (names in lower case, repeated ones joined with
    /// ", ").
    Client { response_headers: Vec<(String, String)> },
    /// A server's: the client's upgrade request.
    Server(Box<Request>),
}

/// The upgrade request of a connection accepted by the server.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// Which `listen` accepted it.
    pub listener: ListenerId,
    pub method: String,
    /// Path and query.
    pub resource: String,
    /// Names in lower case, repeated headers joined with ", ".
    pub headers: Vec<(String, String)>,
    /// The client's address.
    pub peer: SocketAddr,
    /// The subprotocols the client offered, in its order.
    pub protocols: Vec<String>,
}

/// The answer of a server that refused the websocket handshake.
#[derive(Debug, Clone, PartialEq)]
pub struct HandshakeResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}
