//! wslua-runtime: the websocket engine behind the `websocket` Lua module, with no Lua in it.
//!
//! The host thread calls [`Runtime`] methods (connect, send, disconnect, listen, stop listening),
//! which never block on the network; async-std tasks do the I/O and append [`Event`]s to one
//! queue, which the host drains on its own thread with [`Runtime::next_event`]. Events of one
//! connection are in order, and each connection ends with exactly one
//! [`EventKind::Disconnected`].

mod client;
mod config;
mod connection;
mod engine;
mod event;
mod handshake;
mod headers;
mod server;
mod tls;

pub use config::{Config, MAX_CLOSE_REASON, MAX_RESPONSE_BODY};
pub use engine::{ConnectOptions, DataKind, Interrupter, Runtime, SendError};
pub use event::{ConnId, Event, EventKind, HandshakeResponse, Request};
pub use handshake::{MAX_REQUEST_HEAD, MAX_REQUEST_HEADERS};
pub use headers::parse_headers;
