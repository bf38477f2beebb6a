//! HTTP/1.1 for `http.request`: hyper's client connection over the engine's TCP, TLS and proxies,
//! with idle connections kept per origin and reused, as a browser or curl keeps them.

use crate::core::executor;
use crate::core::lock::lock;
use crate::error::{ConnectError, FailureKind};
use crate::transport::proxy::{self, ProxyServer, Refused};
use crate::transport::tcp;
use crate::transport::tls::TlsConnector;
use crate::transport::tls::{self, Io};
use bytes::Bytes;
use event_listener::Event;
use http_body_util::combinators::BoxBody;
use hyper::client::conn::http1::{self, SendRequest};
use hyper::header::{HeaderValue, HOST};
use smol_hyper::rt::FuturesIo;
use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::Mutex;
use std::time::Duration;

/// What a request's body is sent as: its whole length up front, or chunks of unknown total.
pub(crate) type Body = BoxBody<Bytes, Infallible>;

/// Connections open to one origin at most, as browsers keep them: more requests wait for one of
/// them to finish its exchange, and reuse it.
pub(crate) const MAX_PER_ORIGIN: usize = 6;

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

/// An origin's connections: those waiting for a request, and how many are open in all.
#[derive(Default)]
struct Connections {
    idle: Vec<SendRequest<Body>>,
    open: usize,
}

/// The keep-alive connections.
#[derive(Default)]
pub(crate) struct Pool {
    origins: Mutex<HashMap<Origin, Connections>>,
    /// Told when a connection is given back or closed, for requests waiting for one.
    freed: Event,
}

/// A place among an origin's open connections, given up when dropped unless kept.
struct Place<'pool> {
    pool: &'pool Pool,
    origin: Origin,
    kept: bool,
}

impl Drop for Place<'_> {
    fn drop(&mut self) {
        if !self.kept {
            if let Some(connections) = lock(&self.pool.origins).get_mut(&self.origin) {
                connections.open -= 1;
            }
            self.pool.freed.notify(1);
        }
    }
}

/// A connection lent to one exchange: [`Lease::give_back`] keeps it for the next, dropping it
/// closes it.
pub(crate) struct Lease<'pool> {
    place: Place<'pool>,
    pub sender: SendRequest<Body>,
}

impl Lease<'_> {
    /// The exchange is over (its body read to the end): the next request may use it.
    pub fn give_back(self) {
        let Lease { mut place, sender } = self;
        if sender.is_closed() {
            return;
        }
        place.kept = true;
        lock(&place.pool.origins).entry(place.origin.clone()).or_default().idle.push(sender);
        place.pool.freed.notify(1);
    }
}

impl Pool {
    /// A connection to the route's origin: an idle one if there is, a new one if fewer than
    /// [`MAX_PER_ORIGIN`] are open, else the first one given back.
    pub async fn connection(&self, route: &Route, attempt: Duration) -> Result<Lease<'_>, ConnectError> {
        let place = || Place { pool: self, origin: route.origin.clone(), kept: false };
        loop {
            let listener = {
                let mut origins = lock(&self.origins);
                let connections = origins.entry(route.origin.clone()).or_default();
                // Idle connections the server has closed meanwhile are gone.
                let before = connections.idle.len();
                connections.idle.retain(|s| !s.is_closed());
                connections.open -= before - connections.idle.len();
                if let Some(sender) = connections.idle.pop() {
                    drop(origins);
                    return Ok(Lease { place: place(), sender });
                }
                if connections.open < MAX_PER_ORIGIN {
                    connections.open += 1;
                    break;
                }
                self.freed.listen()
            };
            listener.await;
        }
        // Counted as open from here: a failure to open gives the place back.
        let place = place();
        let sender = self.open(route, attempt).await?;
        Ok(Lease { place, sender })
    }

    async fn open(&self, route: &Route, attempt: Duration) -> Result<SendRequest<Body>, ConnectError> {
        let io = open(route, attempt).await?;
        let (sender, connection) = http1::handshake::<_, Body>(FuturesIo::new(io))
            .await
            .map_err(|e| ConnectError::new(FailureKind::Tcp, format!("HTTP connection failed: {e}")))?;
        // The connection's reads and writes; it ends when the server or the pool lets it go.
        executor::spawn(async move {
            if let Err(e) = connection.await {
                log::debug!("http connection ended: {e}");
            }
        })
        .detach();
        Ok(sender)
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
