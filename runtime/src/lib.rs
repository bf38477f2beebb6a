//! wslua-runtime: the websocket engine behind the `websocket` Lua module, with no Lua in it.
//!
//! The host thread calls [`Runtime`] methods (connect, send, disconnect, listen, stop listening,
//! http_request),
//! which never block on the network; tasks do the I/O and append [`Event`]s to one queue, which
//! the host drains on its own thread with [`Runtime::next_event`]. Events of one connection are
//! in order, and each connection ends with exactly one [`EventKind::Disconnected`].
//!
//! The modules are layers, every `use` pointing down (`tests/layers.rs` checks it):
//!
//! ```text
//!   runtime                              the façade the host calls
//!   client   server   broker   fetch     the roles (fetch: HTTP requests, one task each)
//!   connection                           one open websocket's task
//!   transport/  tcp, tls, proxy, http    how bytes reach a peer (http: HTTP/1.1 connections
//!                                        kept per origin, on hyper)
//!   core/       lock, executor, event, signal, queue, link, registry/{backpressure,
//!               entry, admission, channels}, guard
//!                                        tasks, events, the state they share
//!   protocol/   headers, handshake, response, close, deflate, frames/{head, readahead,
//!               deflate_stream}          the websocket rules, on bytes only
//!   config  error                        every limit; the typed errors
//! ```

mod broker;
mod client;
mod config;
mod connection;
mod core;
mod error;
mod fetch;
#[cfg(feature = "fuzzing")]
pub mod fuzzing;
mod protocol;
mod runtime;
mod server;
mod transport;

pub use crate::core::event::{
    ConnId, DataKind, Event, EventKind, Handshake, HandshakeResponse, HttpReply, ListenerId, Message, Publication,
    Request, Verdict, HOST,
};
pub use crate::core::executor::Batch;
pub use crate::core::registry::Stats;
pub use async_tungstenite::tungstenite::Bytes;
pub use broker::{check_url as check_broker_url, BrokerState, BrokerStatus};
pub use client::ConnectOptions;
pub use config::{
    Config, DeflateSettings, EVENT_COST, MAX_CHANNEL, MAX_CLOSE_REASON, MAX_HTTP_BODY, MAX_REQUEST_HEAD,
    MAX_REQUEST_HEADERS, MAX_RESPONSE_BODY, MAX_UNDELIVERED,
};
pub use error::{Error, FailureKind};
pub use fetch::HttpRequest;
pub use protocol::headers::{parse_headers, Headers};
pub use runtime::{Interrupter, Listener, Runtime};
pub use server::ListenOptions;
pub use transport::proxy::Proxy;
pub use transport::tls::{TlsClient, TlsFiles};
