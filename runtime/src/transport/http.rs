//! HTTP/1.1 for `http.request`: hyper's client connection over the engine's TCP, TLS and proxies,
//! with idle connections kept per origin and reused, as a browser or curl keeps them.

use crate::core::executor;
use crate::core::lock::lock;
use crate::error::{ConnectError, FailureKind};
use crate::transport::proxy::{self, ProxyServer, Refused};
use crate::transport::tcp;
use crate::transport::tls::{self, Io};
use async_native_tls::TlsConnector;
use bytes::Bytes;
use http_body_util::combinators::BoxBody;
use hyper::client::conn::http1::{self, SendRequest};
use hyper::header::{HeaderValue, HOST};
use smol_hyper::rt::FuturesIo;
use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

/// What a request's body is sent as: its whole length up front, or chunks of unknown total.
pub(crate) type Body = BoxBody<Bytes, Infallible>;

/// Idle connections kept per origin; more are closed when they finish.
const IDLE_PER_ORIGIN: usize = 16;

/// Where a request goes: requests to the same one may share a connection.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Origin {
    pub tls: bool,
    pub host: String,
    pub port: u16,
    /// The proxy in between, as `host:port`.
    pub proxy: Option<(String, u16)>,
}

/// How to reach an origin.
pub(crate) struct Route {
    pub origin: Origin,
    pub proxy: Option<ProxyServer>,
    /// For `https://`.
    pub connector: Option<TlsConnector>,
}

/// The keep-alive connections, and how many were ever opened (for tests and the log).
#[derive(Default)]
pub(crate) struct Pool {
    idle: Mutex<HashMap<Origin, Vec<SendRequest<Body>>>>,
    opened: AtomicUsize,
}

impl Pool {
    /// How many connections the pool has opened so far.
    pub fn opened(&self) -> usize {
        self.opened.load(Ordering::Relaxed)
    }

    /// A connection to the route's origin: an idle one if there is, else a new one.
    pub async fn connection(&self, route: &Route, attempt: Duration) -> Result<SendRequest<Body>, ConnectError> {
        while let Some(sender) = lock(&self.idle).get_mut(&route.origin).and_then(Vec::pop) {
            if !sender.is_closed() && sender.is_ready() {
                return Ok(sender);
            }
        }
        let io = open(route, attempt).await?;
        let (sender, connection) = http1::handshake::<_, Body>(FuturesIo::new(io))
            .await
            .map_err(|e| ConnectError::new(FailureKind::Tcp, format!("HTTP connection failed: {e}")))?;
        self.opened.fetch_add(1, Ordering::Relaxed);
        // The connection's reads and writes; it ends when the server or the pool lets it go.
        executor::spawn(async move {
            if let Err(e) = connection.await {
                log::debug!("http connection ended: {e}");
            }
        })
        .detach();
        Ok(sender)
    }

    /// Keeps a connection whose exchange is over for the next request to its origin.
    pub fn put_back(&self, origin: Origin, sender: SendRequest<Body>) {
        if sender.is_closed() {
            return;
        }
        let mut idle = lock(&self.idle);
        let kept = idle.entry(origin).or_default();
        kept.retain(|s| !s.is_closed());
        if kept.len() < IDLE_PER_ORIGIN {
            kept.push(sender);
        }
    }
}

/// TCP to the origin or its proxy, a `CONNECT` tunnel for https through a proxy, then TLS.
async fn open(route: &Route, attempt: Duration) -> Result<Box<dyn Io>, ConnectError> {
    let Origin { host, port, .. } = &route.origin;
    let tcp = match &route.proxy {
        Some(proxy) => {
            let mut tcp = tcp::connect(&proxy.host, proxy.port, attempt).await.map_err(|e| {
                ConnectError::new(FailureKind::Proxy, format!("proxy {}:{}: {}", proxy.host, proxy.port, e.message))
            })?;
            if route.connector.is_some() {
                proxy::tunnel(&mut tcp, proxy, host, *port).await.map_err(|refused| {
                    let message = match refused {
                        Refused::Message(message) | Refused::Status(message, _) => message,
                    };
                    ConnectError::new(FailureKind::Proxy, message)
                })?;
            }
            tcp
        }
        None => tcp::connect(host, *port, attempt).await?,
    };
    match &route.connector {
        Some(connector) => tls::connect(connector, host, tcp).await.map_err(|e| ConnectError::new(FailureKind::Tls, e)),
        None => Ok(Box::new(tcp)),
    }
}

/// Adds `Host` to `headers` when missing (hyper's connection-level client leaves it to us).
pub(crate) fn ensure_host(headers: &mut hyper::HeaderMap, origin: &Origin) {
    if headers.contains_key(HOST) {
        return;
    }
    let host = if origin.host.contains(':') { format!("[{}]", origin.host) } else { origin.host.clone() };
    let default_port = if origin.tls { 443 } else { 80 };
    let text = if origin.port == default_port { host } else { format!("{host}:{}", origin.port) };
    if let Ok(value) = HeaderValue::from_str(&text) {
        headers.insert(HOST, value);
    }
}
