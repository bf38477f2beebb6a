//! The errors the host-facing calls return. Everything that fails later, on the network, arrives
//! as an event instead.

use crate::config::{MAX_CHANNEL, MAX_CLOSE_REASON};

/// What made a connection attempt fail, as the host names it to scripts (`data.error_kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    /// The host name does not resolve.
    Dns,
    /// No TCP connection to the server (refused, unreachable).
    Tcp,
    /// The TLS handshake failed.
    Tls,
    /// The proxy could not be reached, or refused the tunnel.
    Proxy,
    /// The server did not answer the upgrade with a valid `101`.
    Handshake,
    /// The connect timeout passed first.
    Timeout,
}

impl FailureKind {
    /// The stable word for it.
    pub fn as_str(self) -> &'static str {
        match self {
            FailureKind::Dns => "dns",
            FailureKind::Tcp => "tcp",
            FailureKind::Tls => "tls",
            FailureKind::Proxy => "proxy",
            FailureKind::Handshake => "handshake",
            FailureKind::Timeout => "timeout",
        }
    }
}

/// A failed step of connecting: its kind, and the sentence the Error event tells.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{message}")]
pub struct ConnectError {
    pub kind: FailureKind,
    pub message: String,
}

impl ConnectError {
    pub fn new(kind: FailureKind, message: impl Into<String>) -> ConnectError {
        ConnectError { kind, message: message.into() }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("invalid url '{url}': {reason}")]
    InvalidUrl { url: String, reason: String },
    #[error("headers: {0}")]
    InvalidHeaders(String),
    /// A proxy URL given as `proxy` or found in the environment variable `setting`.
    #[error("{setting} '{url}': {reason}")]
    InvalidProxy { setting: String, url: String, reason: String },
    #[error("the protocol is given both as 'protocol' and in 'headers'")]
    ProtocolTwice,
    /// Not (yet, or any more) connected, as far as the host has been told.
    #[error("connection is not connected")]
    NotConnected,
    /// The host has taken the connection's last event.
    #[error("connection is closed")]
    Closed,
    #[error("a text message must be valid UTF-8 (send it as binary)")]
    NotUtf8,
    #[error("close code {0} cannot be sent (use 1000, 1001-1003, 1007-1011 or 3000-4999)")]
    CloseCode(u16),
    #[error("close reason is {0} bytes, at most {MAX_CLOSE_REASON} fit")]
    CloseReason(usize),
    /// A certificate, key or CA file that cannot be read or used; the message names it.
    #[error("TLS: {0}")]
    Tls(String),
    #[error("a channel's name is 1 to {MAX_CHANNEL} bytes, not {0}")]
    Channel(usize),
    #[error("cannot listen on port {port}: {source}")]
    Listen { port: u16, source: std::io::Error },
    #[error("no event descriptor: {0}")]
    EventFd(std::io::Error),
    /// An HTTP request that cannot be sent as given: its method, a header, its `path`.
    #[error("{0}")]
    InvalidRequest(String),
}
