//! The `ws://` and `wss://` server: listeners on 0.0.0.0 and [::] (or one host), a task per
//! accepted socket that runs TLS and the handshake under `connection_timeout` and the
//! `max_connections` limit, then [`crate::connection::drive`].

use crate::config::DeflateSettings;
use crate::core::event::{EventKind, Handshake, ListenerId, Request, Verdict};
use crate::core::executor::{self, Task};
use crate::core::guard::DisconnectGuard;
use crate::core::registry::Registry;
use crate::error::Error;
use crate::protocol::deflate;
use crate::protocol::frames::FrameStream;
use crate::protocol::handshake::{self, Head};
use crate::transport::tls::{self, Io, TlsFiles};
use async_native_tls::TlsAcceptor;
use async_std::net::{TcpListener, TcpStream};
use async_tungstenite::tungstenite::handshake::server::{ErrorResponse, Request as HttpRequest, Response};
use async_tungstenite::tungstenite::http::{HeaderValue, StatusCode};
use async_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use async_tungstenite::tungstenite::protocol::{CloseFrame, Role};
use futures::FutureExt;
use socket2::{Domain, Socket, Type};
use std::io;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A running server, owned by the façade until `stop_listening`.
pub(crate) struct Listening {
    pub id: ListenerId,
    pub port: u16,
    accept_loops: Vec<Task<()>>,
}

impl Listening {
    /// Stops accepting (the port is free when this returns) and closes every connection the
    /// server accepted; a handshake still running is closed unseen when it completes.
    pub fn stop(self, registry: &Registry) {
        registry.close_listener(self.id);
        executor::block_on(async {
            for task in self.accept_loops {
                task.cancel().await;
            }
        });
    }
}

/// One server as its tasks share it: the settings its connections get, its TLS acceptor, and
/// how many of its `max_connections` places are taken.
struct Server {
    listener: ListenerId,
    max_connections: usize,
    handshake_timeout: Duration,
    drain_threshold: usize,
    protocols: Vec<String>,
    tls: Option<TlsAcceptor>,
    /// How it compresses, when it accepts permessage-deflate.
    compression: Option<DeflateSettings>,
    admission: bool,
    active: AtomicUsize,
}

/// One of the `max_connections` places, given back when dropped.
struct Slot(Arc<Server>);

impl Slot {
    fn take(server: &Arc<Server>) -> Option<Slot> {
        let max = server.max_connections;
        server.active.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| (n < max).then_some(n + 1)).ok()?;
        Some(Slot(server.clone()))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.active.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A server's settings beyond the reference's three.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListenOptions {
    /// The drain threshold of its connections (see [`crate::EventKind::Drain`]); the config's
    /// when `None`.
    pub drain_threshold: Option<usize>,
    /// The address (or name) to bind; every IPv4 and IPv6 address when `None`.
    pub host: Option<String>,
    /// The subprotocols it speaks, by preference: it picks the first of these the client
    /// offers, and none if none is offered. Empty: it agrees to the client's first choice.
    pub protocols: Vec<String>,
    /// Serve `wss://` with this certificate and key.
    pub tls: Option<TlsFiles>,
    /// Accept permessage-deflate when a client offers it; the config's when `None`.
    pub compression: Option<bool>,
    /// How to compress; the config's when `None`.
    pub deflate: Option<DeflateSettings>,
    /// Ask the host about each upgrade request ([`crate::EventKind::Admit`]) before answering it.
    pub admission: bool,
    /// Share the port with other sockets that set it (`SO_REUSEPORT`).
    pub reuse_port: bool,
}

pub(crate) fn listen(
    registry: &Arc<Registry>,
    port: u16,
    max_connections: usize,
    handshake_timeout: Duration,
    options: ListenOptions,
) -> Result<Listening, Error> {
    // The files are read before the port is taken, so a bad one leaves nothing behind.
    let tls = options.tls.as_ref().map(tls::acceptor).transpose().map_err(Error::Tls)?;
    let reuse_port = options.reuse_port;
    let sockets = match &options.host {
        Some(host) => bind_host(host, port, reuse_port),
        None => bind_both(port, reuse_port),
    };
    let bound = sockets.and_then(|sockets| Ok((sockets[0].local_addr()?.port(), sockets)));
    let (port, sockets) = bound.map_err(|source| match source.kind() {
        io::ErrorKind::AddrInUse if reuse_port => {
            let held = "in use by a server that does not share it (every server on a shared port sets reuse_port)";
            Error::Listen { port, source: io::Error::new(io::ErrorKind::AddrInUse, held) }
        }
        _ => Error::Listen { port, source },
    })?;
    let id = registry.open_listener();
    let drain_threshold = options.drain_threshold.unwrap_or(registry.config.drain_threshold);
    let server = Arc::new(Server {
        listener: id,
        max_connections,
        handshake_timeout,
        drain_threshold,
        protocols: options.protocols,
        tls,
        compression: options
            .compression
            .unwrap_or(registry.config.compression)
            .then(|| options.deflate.unwrap_or(registry.config.deflate)),
        admission: options.admission,
        active: AtomicUsize::new(0),
    });
    let accept_loops = sockets
        .into_iter()
        .map(|socket| executor::spawn(accept_loop(registry.clone(), TcpListener::from(socket), server.clone())))
        .collect();
    Ok(Listening { id, port, accept_loops })
}

/// IPv4 and IPv6 sockets on the same port (IPv6-only, so they do not collide). A machine without
/// IPv6 gets the IPv4 one alone. With port 0 the IPv6 socket takes the port IPv4 got, which
/// another program may hold on IPv6, so that case retries with a new port.
fn bind_both(port: u16, reuse_port: bool) -> io::Result<Vec<std::net::TcpListener>> {
    let mut tries = 0;
    loop {
        let v4 = bind(SocketAddr::from((Ipv4Addr::UNSPECIFIED, port)), reuse_port)?;
        let bound = v4.local_addr()?.port();
        match bind(SocketAddr::from((Ipv6Addr::UNSPECIFIED, bound)), reuse_port) {
            Ok(v6) => return Ok(vec![v4, v6]),
            Err(e) if e.kind() == io::ErrorKind::AddrInUse && port == 0 && tries < 10 => tries += 1,
            Err(e) if e.kind() == io::ErrorKind::AddrInUse => return Err(e),
            Err(e) => {
                log::warn!("listening on IPv4 only: IPv6 unavailable ({e})");
                return Ok(vec![v4]);
            }
        }
    }
}

/// Every address `host` stands for (an IP address, or a name to resolve), on one port: with port
/// 0 the first address picks it and the others take the same.
fn bind_host(host: &str, port: u16, reuse_port: bool) -> io::Result<Vec<std::net::TcpListener>> {
    use std::net::ToSocketAddrs;
    let mut addrs: Vec<SocketAddr> = (host, port).to_socket_addrs()?.collect();
    addrs.dedup();
    let first = addrs
        .first()
        .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, format!("'{host}' resolves to no address")))?;
    let first = bind(*first, reuse_port)?;
    let port = first.local_addr()?.port();
    let mut sockets = vec![first];
    for mut addr in addrs.into_iter().skip(1) {
        addr.set_port(port);
        sockets.push(bind(addr, reuse_port)?);
    }
    Ok(sockets)
}

fn bind(addr: SocketAddr, reuse_port: bool) -> io::Result<std::net::TcpListener> {
    let socket = Socket::new(Domain::for_address(addr), Type::STREAM, None)?;
    if addr.is_ipv6() {
        socket.set_only_v6(true)?;
    }
    socket.set_reuse_address(true)?;
    if reuse_port {
        share_port(&socket)?;
    }
    socket.bind(&addr.into())?;
    socket.listen(1024)?;
    socket.set_nonblocking(true)?;
    Ok(socket.into())
}

#[cfg(all(unix, not(any(target_os = "solaris", target_os = "illumos", target_os = "cygwin"))))]
fn share_port(socket: &Socket) -> io::Result<()> {
    socket.set_reuse_port(true)
}

#[cfg(not(all(unix, not(any(target_os = "solaris", target_os = "illumos", target_os = "cygwin")))))]
fn share_port(_: &Socket) -> io::Result<()> {
    Err(io::Error::new(io::ErrorKind::Unsupported, "reuse_port needs SO_REUSEPORT (Linux, the BSDs, macOS)"))
}

async fn accept_loop(registry: Arc<Registry>, listener: TcpListener, server: Arc<Server>) {
    loop {
        match listener.accept().await {
            Ok((stream, peer)) => {
                executor::spawn(serve(registry.clone(), stream, peer, server.clone())).detach();
            }
            Err(e) => {
                // Out of file descriptors and the like: back off instead of spinning.
                log::warn!("accept failed: {e}");
                async_std::task::sleep(Duration::from_millis(50)).await;
            }
        }
    }
}

/// TLS first on a `wss://` server; its time counts toward the handshake's.
async fn serve(registry: Arc<Registry>, tcp: TcpStream, peer: SocketAddr, server: Arc<Server>) {
    let _ = tcp.set_nodelay(true);
    let started = Instant::now();
    let socket = tcp.clone();
    let Some(acceptor) = &server.tls else { return upgrade(registry, tcp, socket, peer, server, started).await };
    match async_std::future::timeout(server.handshake_timeout, acceptor.accept(tcp)).await {
        Ok(Ok(stream)) => upgrade(registry, stream, socket, peer, server.clone(), started).await,
        Ok(Err(e)) => log::info!("TLS handshake from {peer} failed: {e}"),
        Err(_) => log::info!("TLS handshake from {peer} timed out"),
    }
}

// The handshake callback's error type is tungstenite's HTTP response.
#[allow(clippy::result_large_err)]
async fn upgrade(
    registry: Arc<Registry>,
    mut stream: impl Io + 'static,
    tcp: TcpStream,
    peer: SocketAddr,
    server: Arc<Server>,
    started: Instant,
) {
    let left = server.handshake_timeout.saturating_sub(started.elapsed());
    let mut head = match async_std::future::timeout(left, handshake::read_head(&mut stream)).await {
        Ok(Head::Read(read)) => read,
        Ok(Head::Gone) => return,
        Ok(Head::TooLarge(refusal)) => return refused(&mut stream, peer, refusal, &server).await,
        Err(_) => return log::info!("handshake from {peer} timed out"),
    };
    let upgrade = match handshake::check(&head) {
        Ok(upgrade) => upgrade,
        Err(refusal) => return refused(&mut stream, peer, refusal, &server).await,
    };
    let rest = head.split_off(upgrade.len);
    let request = Request {
        listener: server.listener,
        method: upgrade.method,
        resource: upgrade.resource,
        headers: upgrade.headers,
        peer,
        protocols: upgrade.protocols,
    };
    if server.admission {
        let left = server.handshake_timeout.saturating_sub(started.elapsed());
        if let Verdict::Refuse { status, body } = admit(&registry, &request, left).await {
            let body = body.unwrap_or_else(|| format!("{}\n", handshake::reason(status)).into_bytes());
            return refuse(&mut stream, peer, status, &body, &server).await;
        }
    }
    // Frames a client sent right behind its request go beneath tungstenite, with the rest.
    let stream = handshake::Replay::new(head, FrameStream::new(stream, rest, false));
    let mut slot = None;
    let mut protocol = None;
    let mut agreement = None;
    let callback = |http: &HttpRequest, mut response: Response| -> Result<Response, ErrorResponse> {
        slot = Some(
            Slot::take(&server)
                .ok_or_else(|| refuse_upgrade(StatusCode::SERVICE_UNAVAILABLE, "too many connections\n"))?,
        );
        let offered = &request.protocols;
        // The server's own list decides; without one it agrees to the client's first choice.
        let chosen = match server.protocols.is_empty() {
            true => offered.first(),
            false => server.protocols.iter().find(|p| offered.contains(p)),
        };
        if let Some(value) = chosen.and_then(|p| HeaderValue::from_str(p).ok()) {
            response.headers_mut().insert("sec-websocket-protocol", value);
            protocol = chosen.cloned();
        }
        if let Some(settings) = server.compression {
            let offers = http.headers().get_all("sec-websocket-extensions");
            agreement = deflate::accept_offer(offers.iter().filter_map(|v| v.to_str().ok()), settings);
            if let Some(value) = agreement.as_ref().and_then(|a| HeaderValue::from_str(&a.header).ok()) {
                response.headers_mut().insert("sec-websocket-extensions", value);
            }
        }
        Ok(response)
    };
    let config = registry.config.websocket();
    let handshake = async_tungstenite::accept_hdr_async_with_config(stream, callback, Some(config));
    let left = server.handshake_timeout.saturating_sub(started.elapsed());
    let mut ws = match async_std::future::timeout(left, handshake).await {
        Ok(Ok(ws)) => ws,
        Ok(Err(e)) => return log::info!("handshake from {peer} failed: {e}"),
        Err(_) => return log::info!("handshake from {peer} timed out"),
    };
    let Some(slot) = slot else { return };
    let Some((id, link)) = registry.register_accepted(server.listener, server.drain_threshold) else {
        let frame = CloseFrame { code: CloseCode::Away, reason: "server stopped".into() };
        let _ = ws.close(Some(frame)).await;
        return;
    };
    let guard = DisconnectGuard::new(registry.clone(), id);
    ws.get_mut().inner_mut().activate(Role::Server, agreement.as_ref(), registry.config.max_message_size);
    let compressed = agreement.is_some();
    registry.set_agreed(id, protocol, agreement.map(|a| a.header).unwrap_or_default());
    log::info!("connection {id}: accepted from {peer} {} {}", request.method, request.resource);
    registry.push(id, EventKind::Connected(Handshake::Server(Box::new(request))));
    // A task of its own, holding the slot: this one is sized for the handshake, which an open
    // connection no longer needs (see connection::drive).
    let driving = crate::connection::drive(guard, ws, link, Some(tcp), compressed);
    executor::spawn(driving.map(move |()| drop(slot))).detach();
}

/// The host's verdict on `request`, or 503 when none comes within `left`.
async fn admit(registry: &Registry, request: &Request, left: Duration) -> Verdict {
    let (ticket, verdict) = registry.ask(request.clone());
    match async_std::future::timeout(left, verdict.recv()).await {
        Ok(Ok(verdict)) => verdict,
        // The runtime is shutting down.
        Ok(Err(_)) => Verdict::Refuse { status: 503, body: Some(b"server stopped\n".to_vec()) },
        Err(_) => {
            registry.forget(ticket);
            log::info!("the accept hook did not answer {} within the handshake's time", request.peer);
            Verdict::Refuse { status: 503, body: Some(b"the server did not decide in time\n".to_vec()) }
        }
    }
}

/// Answers a request the server's own checks refused.
async fn refused(stream: &mut impl Io, peer: SocketAddr, refusal: handshake::Refusal, server: &Server) {
    refuse(stream, peer, refusal.status, format!("{}\n", refusal.detail).as_bytes(), server).await;
}

/// Answers `status` and `body` and closes; a client that does not read the answer does not hold
/// its socket longer than a handshake may take.
async fn refuse(stream: &mut impl Io, peer: SocketAddr, status: u16, body: &[u8], server: &Server) {
    log::info!("refused {peer}: {status} {}", String::from_utf8_lossy(&body[..body.len().min(120)]).trim_end());
    let _ = async_std::future::timeout(server.handshake_timeout, handshake::respond(stream, status, body)).await;
}

fn refuse_upgrade(status: StatusCode, body: &str) -> ErrorResponse {
    let mut response = ErrorResponse::new(Some(body.to_string()));
    *response.status_mut() = status;
    response
}
