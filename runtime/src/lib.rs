//! wslua-runtime: the websocket engine behind the `websocket` Lua module, with no Lua in it.
//!
//! The host thread calls [`Runtime`] methods (connect, send, disconnect, listen, stop listening),
//! which never block on the network; async-std tasks do the I/O and append [`Event`]s to one
//! queue, which the host drains on its own thread with [`Runtime::next_event`]. Events of one
//! connection are in order, and each connection ends with exactly one
//! [`EventKind::Disconnected`].

//!
//! Modules are layered, every `use` pointing down: `config`, `event`, `channels`, `error`, `headers`,
//! `handshake`, `response`, `proxy`, `tls`, `deflate` → `frames`, `link` (plain parts) → `registry`
//! (the state all tasks share) → `connection` → `client`, `server`, `broker` → `runtime` (the façade).

mod broker;
mod channels;
mod client;
mod config;
mod connection;
mod deflate;
mod error;
mod event;
mod executor;
mod frames;
mod handshake;
mod headers;
mod link;
mod proxy;
mod registry;
mod response;
mod runtime;
mod server;
mod tls;

pub use async_tungstenite::tungstenite::Bytes;
pub use broker::{check_url as check_broker_url, BrokerState, BrokerStatus};
pub use channels::MAX_CHANNEL;
pub use client::ConnectOptions;
pub use config::{Config, EVENT_COST, MAX_CLOSE_REASON, MAX_RESPONSE_BODY, MAX_UNDELIVERED};
pub use error::Error;
pub use event::{
    ConnId, DataKind, Event, EventKind, Handshake, HandshakeResponse, ListenerId, Message, Publication, Request,
    Verdict, HOST,
};
pub use executor::Batch;
pub use handshake::{MAX_REQUEST_HEAD, MAX_REQUEST_HEADERS};
pub use headers::{parse_headers, Headers};
pub use proxy::Proxy;
pub use registry::Stats;
pub use runtime::{Interrupter, Listener, Runtime};
pub use server::ListenOptions;
pub use tls::{TlsClient, TlsFiles};
