//! An open websocket, client or server side: one task reads, writes and keeps the connection
//! alive concurrently, so no direction can stall another, and reports what it receives and how
//! it ended.

use crate::config::{Config, COMPRESSOR_IDLE, READ_BUFFER};
use crate::core::event::{ConnId, EventKind, Message};
use crate::core::guard::DisconnectGuard;
use crate::core::link::{count, Command, Link};
use crate::core::registry::backpressure::data_len;
use crate::core::registry::Registry;
use crate::protocol::deflate::Fault;
use async_io::Timer;
use async_std::net::TcpStream;
use async_tungstenite::tungstenite::error::ProtocolError;
use async_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use async_tungstenite::tungstenite::protocol::CloseFrame;
use async_tungstenite::tungstenite::{Bytes, Error, Message as Frame};
use async_tungstenite::{WebSocketReceiver, WebSocketSender, WebSocketStream};
use futures::future::{self, Either};
use futures::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use futures::{pin_mut, select, FutureExt, SinkExt, StreamExt};
use std::future::Future;
use std::pin::pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The reason of a 1006 when the peer's socket ended without a close frame (EOF or reset).
const NO_CLOSE_FRAME: &str = "connection lost without a close frame";

/// With the `fault-injection` feature (test builds only), a message with this payload makes the
/// receiving connection's task panic: how the tests see that a task that dies still ends its
/// connection with its event.
#[cfg(feature = "fault-injection")]
pub const INJECTED_PANIC: &[u8] = b"wslua-test: panic in this connection's task";

/// How a connection ended, as its Disconnected event tells it.
enum End {
    /// The close handshake happened (or we gave up waiting for its answer).
    Closed { code: u16, reason: String },
    /// The peer broke the protocol or a limit: we answer with a close frame carrying `code`.
    Violation { code: u16, reason: String },
    /// The connection was lost without a close handshake (1006).
    Lost { reason: String },
}

/// How many frames taken without waiting may go by before the time the peer was heard is read
/// again, and the task makes way for others.
const CLOCK_EVERY: u32 = 32;

/// When the peer was last heard from, as milliseconds since the connection opened.
struct Heard {
    start: Instant,
    at: AtomicU64,
}

impl Heard {
    fn now(&self) {
        self.at.store(self.start.elapsed().as_millis() as u64, Ordering::Relaxed);
    }

    fn last(&self) -> Duration {
        Duration::from_millis(self.at.load(Ordering::Relaxed))
    }

    /// Now, as nanoseconds since the connection opened.
    fn nanos(&self) -> u64 {
        u64::try_from(self.start.elapsed().as_nanos()).unwrap_or(u64::MAX)
    }

    fn since(&self) -> Duration {
        self.start.elapsed().saturating_sub(self.last())
    }
}

/// Runs a connection to its end. `tcp` is its socket beneath any TLS, for the shutdown that
/// tells the peer we are done (closing the stream layers only flushes).
///
/// The future is what an open connection costs while it idles, so it holds no more than it
/// must: the stream is split before it is made (an argument it held would keep its place), and
/// the closing steps are a future of their own, made when the connection closes.
///
/// `guard` reports the end; if the task ends any other way (a panic), with 1011.
pub(crate) fn drive<S>(
    guard: DisconnectGuard,
    ws: WebSocketStream<S>,
    link: Arc<Link>,
    tcp: Option<TcpStream>,
    compressed: bool,
) -> impl Future<Output = ()>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    #[cfg(unix)]
    if let Some(tcp) = &tcp {
        guard.registry.watch(guard.id, std::os::fd::AsRawFd::as_raw_fd(tcp));
    }
    let (sink, stream) = ws.split();
    run(guard, sink, stream, link, tcp, compressed)
}

async fn run<S>(
    guard: DisconnectGuard,
    mut sink: WebSocketSender<S>,
    mut stream: WebSocketReceiver<S>,
    link: Arc<Link>,
    tcp: Option<TcpStream>,
    compressed: bool,
) where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let (registry, id) = (&*guard.registry, guard.id);
    let close_wait = registry.config.close_timeout;
    let heard = Heard { start: Instant::now(), at: AtomicU64::new(0) };
    let end = {
        let read = read_all(registry, id, &mut stream, &heard, &link).fuse();
        let write = write_all(registry, id, &mut sink, &link, &heard, compressed).fuse();
        let keepalive = keepalive(&registry.config, &heard, &link).fuse();
        let abort = link.aborted().fuse();
        pin_mut!(read, write, keepalive, abort);
        select! {
            end = read => end,
            end = keepalive => end,
            frame = abort => End::Violation { code: frame.code.into(), reason: frame.reason.to_string() },
            sent = write => match sent {
                // Our close frame is out: wait (bounded) for the peer's answer, then report ours.
                Ok(frame) => {
                    let answer = async_std::future::timeout(close_wait, read).await;
                    match answer {
                        Ok(End::Lost { reason }) if !reason.is_empty() => End::Lost { reason },
                        _ => End::Closed { code: frame.code.into(), reason: frame.reason.to_string() },
                    }
                }
                // The peer's close frame makes further sends fail: then the reader, which has
                // it, tells how the connection ended.
                Err(err) => match async_std::future::timeout(close_wait, read).await {
                    Ok(closed @ End::Closed { .. }) => closed,
                    _ => End::Lost { reason: err.to_string() },
                },
            },
        }
    };
    link.end();
    Box::pin(finish(guard, end, sink, stream, tcp)).await;
}

/// Closes the connection as `end` calls for and reports it.
async fn finish<S>(
    mut guard: DisconnectGuard,
    end: End,
    mut sink: WebSocketSender<S>,
    stream: WebSocketReceiver<S>,
    tcp: Option<TcpStream>,
) where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let close_wait = guard.registry.config.close_timeout;
    // After a violation the peer may still be writing (a message over the limit, say); after a
    // close handshake, it may still have data in flight, or be slow to close its end.
    let (code, reason, peer_writing) = match end {
        End::Closed { code, reason } => (code, reason, true),
        End::Violation { code, reason } => {
            let frame = CloseFrame { code: CloseCode::from(code), reason: reason.clone().into() };
            let _ = async_std::future::timeout(close_wait, sink.send(Frame::Close(Some(frame)))).await;
            (code, reason, true)
        }
        End::Lost { reason } => (1006, reason, false),
    };
    let _ = async_std::future::timeout(close_wait, SinkExt::close(&mut sink)).await;
    log::info!("connection {}: disconnected with {code} {reason:?}", guard.id);
    guard.disconnected(code, reason);
    if peer_writing {
        if let Ok(mut ws) = WebSocketStream::reunite(sink, stream) {
            let _ = async_std::future::timeout(close_wait, let_the_peer_finish(ws.get_mut(), tcp)).await;
        }
    }
}

/// Shuts down our side of the socket and reads, dropping it, whatever the peer still sends until
/// it closes too. Closing a socket with unread data makes the kernel answer with a reset, which
/// can destroy our close frame before the peer has read it (a peer still writing a message over
/// the size limit, or still sending when our close frame went out).
async fn let_the_peer_finish<S: AsyncRead + AsyncWrite + Unpin>(socket: &mut S, tcp: Option<TcpStream>) {
    let _ = socket.close().await;
    if let Some(tcp) = tcp {
        let _ = tcp.shutdown(std::net::Shutdown::Write);
    }
    // On the heap: an array here would make every connection's task 4 KiB larger, idle or not.
    let mut unread = vec![0u8; 4096];
    while let Ok(1..) = socket.read(&mut unread).await {}
}

async fn read_all<S>(
    registry: &Registry,
    id: ConnId,
    stream: &mut WebSocketReceiver<S>,
    heard: &Heard,
    link: &Link,
) -> End
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let counters = &link.counters;
    let mut close: Option<(u16, String)> = None;
    let mut unclocked = 0;
    loop {
        let mut waited = false;
        let next = std::future::poll_fn(|cx| {
            let next = stream.poll_next_unpin(cx);
            waited |= next.is_pending();
            next
        });
        let Some(item) = next.await else { break };
        // A frame taken without waiting came in while this task handled those before it, so
        // the time of the last wait, refreshed every few frames, is when the peer was heard,
        // without reading the clock for every frame.
        unclocked += 1;
        if waited || unclocked == CLOCK_EVERY {
            heard.now();
            if !waited {
                // A peer that keeps the socket full would keep this thread: the task lets the
                // others run, and if this is the Lua thread, which then goes back to its events,
                // a network thread goes on reading meanwhile.
                async_std::task::yield_now().await;
            }
            unclocked = 0;
        }
        let message = match item {
            Ok(Frame::Text(text)) => Message::text(owned(text.into(), waited)),
            Ok(Frame::Binary(data)) => Message::binary(owned(data, waited)),
            Ok(Frame::Close(frame)) => {
                // The answer to it is written by tungstenite; the stream ends after that.
                close = Some(frame.map_or((1005, String::new()), |f| (f.code.into(), f.reason.to_string())));
                continue;
            }
            Ok(Frame::Pong(payload)) => {
                // Our pings carry the time they left (see write_all); a peer's unsolicited pong
                // has something else.
                heard.now();
                if let Ok(sent) = <[u8; 8]>::try_from(payload.as_ref()) {
                    let rtt = heard.nanos().saturating_sub(u64::from_be_bytes(sent));
                    counters.rtt_nanos.store(rtt.max(1), Ordering::Relaxed);
                }
                continue;
            }
            Ok(_) => continue,
            Err(Error::ConnectionClosed) => break,
            Err(err) => return classify(err),
        };
        #[cfg(feature = "fault-injection")]
        if message.data.as_ref() == INJECTED_PANIC {
            panic!("injected: {}", String::from_utf8_lossy(INJECTED_PANIC));
        }
        if log::log_enabled!(log::Level::Debug) {
            log::debug!("connection {id}: received {} ({} bytes)", message.preview(), message.data.len());
        }
        count(&counters.messages_received, 1);
        count(&counters.bytes_received, message.data.len() as u64);
        link.received(message.data.len()).await;
        registry.push(id, EventKind::Message(message));
    }
    match close {
        Some((code, reason)) => End::Closed { code, reason },
        None => End::Lost { reason: NO_CLOSE_FRAME.into() },
    }
}

/// A received payload as its event carries it. One that arrived within the read buffer is a view
/// of it, and tungstenite could not reuse a buffer the host still holds a view of: it is copied
/// out, so the next read reuses the buffer; except a small one in a burst (taken without
/// waiting), one of many sharing the buffer, where a new buffer per burst costs less than a
/// copy per message (the host frees it on another thread). A larger one has an allocation of
/// its own and is passed on as it is.
fn owned(data: Bytes, waited: bool) -> Bytes {
    let stays_a_view = data.len() <= SMALL_MESSAGE && !waited;
    if data.len() <= READ_BUFFER && !stays_a_view {
        Bytes::copy_from_slice(&data)
    } else {
        data
    }
}

/// A message that many others share the read buffer with.
const SMALL_MESSAGE: usize = READ_BUFFER / 8;

/// Writes commands in order until one closes the connection; returns the close frame sent.
/// Reports `Drain` when a queue that reached the drain threshold has been written out.
async fn write_all<S>(
    registry: &Registry,
    id: ConnId,
    sink: &mut WebSocketSender<S>,
    link: &Link,
    heard: &Heard,
    compressed: bool,
) -> Result<CloseFrame, Error>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let counters = &link.counters;
    // A compressed connection's idle clock, from its last burst: one timer, moved on when it
    // rings early, so a busy connection costs one wake a second, not a timer per burst.
    let mut idle: Option<(Timer, Instant)> = None;
    loop {
        let command = match idle.as_mut() {
            None => link.next().await,
            Some((timer, since)) => match future::select(pin!(link.next()), &mut *timer).await {
                Either::Left((command, _)) => command,
                Either::Right(_) if since.elapsed() >= COMPRESSOR_IDLE => {
                    // Idle: a second flush gives the compressor's memory back (protocol::frames).
                    sink.flush().await?;
                    idle = None;
                    continue;
                }
                Either::Right(_) => {
                    timer.set_at(*since + COMPRESSOR_IDLE);
                    continue;
                }
            },
        };
        match command {
            Command::Send(message) => {
                let size = data_len(&message);
                sink.feed(message).await?;
                counters.queued.fetch_sub(size, Ordering::SeqCst);
                count(&counters.messages_sent, 1);
                count(&counters.bytes_sent, size as u64);
            }
            // The payload is the time it leaves; the pong brings it back for the round trip.
            Command::Ping => sink.feed(Frame::Ping(heard.nanos().to_be_bytes().to_vec().into())).await?,
            Command::Close(frame) => {
                sink.send(Frame::Close(Some(frame.clone()))).await?;
                return Ok(frame);
            }
        }
        // Flush once per burst, not once per message.
        if link.is_empty() {
            sink.flush().await?;
            if compressed {
                let now = Instant::now();
                match idle.as_mut() {
                    Some((_, since)) => *since = now,
                    None => idle = Some((Timer::at(now + COMPRESSOR_IDLE), now)),
                }
            }
            if counters.queued.load(Ordering::SeqCst) == 0 && counters.drain_due.swap(false, Ordering::SeqCst) {
                registry.push(id, EventKind::Drain);
            }
        }
    }
}

/// Pings a peer that has been silent for `ping_interval`; a peer that then stays silent for
/// `ping_timeout` is lost. Never ends when keepalive is off.
async fn keepalive(config: &Config, heard: &Heard, link: &Link) -> End {
    let Some(interval) = config.ping_interval else { return futures::future::pending().await };
    loop {
        if link.backlogged() {
            // It has sent more than the host has taken yet.
            heard.now();
        }
        let silent = heard.since();
        if silent < interval {
            async_std::task::sleep(interval - silent).await;
            continue;
        }
        let pinged = heard.start.elapsed();
        link.push(Command::Ping);
        async_std::task::sleep(config.ping_timeout).await;
        // Heard-at has millisecond resolution: a pong in the same millisecond counts.
        if heard.last() + Duration::from_millis(1) < pinged {
            return End::Lost { reason: format!("no answer to a ping within {} s", config.ping_timeout.as_secs_f64()) };
        }
    }
}

/// The close code a read error calls for (RFC 6455 7.4.1).
fn classify(err: Error) -> End {
    match err {
        Error::Protocol(ProtocolError::ResetWithoutClosingHandshake) => End::Lost { reason: NO_CLOSE_FRAME.into() },
        Error::Capacity(e) => End::Violation { code: 1009, reason: format!("message too big: {e}") },
        Error::Protocol(e) => End::Violation { code: 1002, reason: format!("protocol error: {e}") },
        Error::Utf8(_) => End::Violation { code: 1007, reason: "text message is not valid UTF-8".into() },
        // permessage-deflate, beneath tungstenite, reports through I/O errors.
        Error::Io(e) => match Fault::of(&e) {
            Some(fault) => End::Violation { code: fault.code, reason: fault.reason.clone() },
            None => End::Lost { reason: Error::Io(e).to_string() },
        },
        other => End::Lost { reason: other.to_string() },
    }
}

#[cfg(test)]
mod tests {
    //! The frame path fed arbitrary byte streams through an in-memory stream: whatever a peer
    //! sends, the connection ends with exactly one Disconnected event, last, and nothing panics.

    use super::drive;
    use crate::core::event::{Event, EventKind};
    use crate::core::guard::DisconnectGuard;
    use crate::{Config, Runtime};
    use async_tungstenite::tungstenite::protocol::Role;
    use async_tungstenite::WebSocketStream;
    use futures::io::{AsyncRead, AsyncWrite};
    use proptest::prelude::*;
    use std::pin::Pin;
    use std::task::{Context, Poll};
    use std::time::Duration;

    /// Reads what its reader gives (scripted bytes, then EOF); swallows writes.
    struct Scripted<R>(R);

    impl<R: std::io::Read + Unpin> AsyncRead for Scripted<R> {
        fn poll_read(mut self: Pin<&mut Self>, _: &mut Context<'_>, buf: &mut [u8]) -> Poll<std::io::Result<usize>> {
            Poll::Ready(std::io::Read::read(&mut self.0, buf))
        }
    }

    impl<R: Unpin> AsyncWrite for Scripted<R> {
        fn poll_write(self: Pin<&mut Self>, _: &mut Context<'_>, buf: &[u8]) -> Poll<std::io::Result<usize>> {
            Poll::Ready(Ok(buf.len()))
        }
        fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
            Poll::Ready(Ok(()))
        }
        fn poll_close(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
            Poll::Ready(Ok(()))
        }
    }

    /// A client frame with the given first byte (FIN, RSV, opcode), masked or not.
    fn frame(first: u8, masked: bool, payload: &[u8]) -> Vec<u8> {
        let mut out = vec![first];
        let bit = if masked { 0x80 } else { 0 };
        match payload.len() {
            n if n < 126 => out.push(bit | n as u8),
            n => {
                out.push(bit | 126);
                out.extend_from_slice(&(n as u16).to_be_bytes());
            }
        }
        if masked {
            out.extend_from_slice(&[9, 8, 7, 6]);
            out.extend(payload.iter().enumerate().map(|(i, b)| b ^ [9, 8, 7, 6][i % 4]));
        } else {
            out.extend_from_slice(payload);
        }
        out
    }

    fn streams() -> impl Strategy<Value = Vec<u8>> {
        let raw = proptest::collection::vec(any::<u8>(), 0..2048);
        // Mostly well-formed frames with any flags and opcodes, to get past the framing.
        let first = prop_oneof![
            Just(0x81u8),
            Just(0x82),
            Just(0x01),
            Just(0x80),
            Just(0x89),
            Just(0x8A),
            Just(0x88),
            any::<u8>()
        ];
        let framed = proptest::collection::vec(
            (first, prop::bool::weighted(0.9), proptest::collection::vec(any::<u8>(), 0..300)),
            0..12,
        )
        .prop_map(|frames| frames.iter().flat_map(|(f, m, p)| frame(*f, *m, p)).collect());
        prop_oneof![raw, framed]
    }

    proptest! {
        #[test]
        fn any_byte_stream_ends_with_exactly_one_disconnect(bytes in streams()) {
            let rt = Runtime::new(Config { close_timeout: Duration::from_millis(50), max_message_size: 1 << 16, ..Config::default() });
            let registry = rt.registry().clone();
            let (id, link) = registry.register_client(0);
            let config = rt.config().websocket();
            async_std::task::block_on(async {
                let ws = WebSocketStream::from_raw_socket(Scripted(std::io::Cursor::new(bytes)), Role::Server, Some(config)).await;
                drive(DisconnectGuard::new(registry.clone(), id), ws, link, None, false).await;
            });
            let events: Vec<Event> = std::iter::from_fn(|| rt.next_event(Some(Duration::ZERO))).collect();
            let disconnects = events.iter().filter(|e| matches!(e.kind, EventKind::Disconnected { .. })).count();
            prop_assert_eq!(disconnects, 1);
            let last_is_disconnect = matches!(events.last().map(|e| &e.kind), Some(EventKind::Disconnected { .. }));
            prop_assert!(last_is_disconnect, "the last event is not Disconnected: {:?}", events.last());
            prop_assert!(events.iter().all(|e| e.conn == id));
        }
    }

    /// Reads that panic, as a bug beneath the connection would.
    struct Panicking;

    impl std::io::Read for Panicking {
        fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
            panic!("injected: a read that panics")
        }
    }

    #[test]
    fn a_task_that_panics_still_ends_its_connection_with_1011() {
        let rt = Runtime::new(Config::default());
        let registry = rt.registry().clone();
        let (id, link) = registry.register_client(0);
        let config = rt.config().websocket();
        let ws = async_std::task::block_on(WebSocketStream::from_raw_socket(
            Scripted(Panicking),
            Role::Client,
            Some(config),
        ));
        crate::core::executor::spawn(drive(DisconnectGuard::new(registry.clone(), id), ws, link, None, false)).detach();
        let event = rt.next_event(Some(Duration::from_secs(10))).expect("an event");
        assert_eq!(event.conn, id);
        let EventKind::Disconnected { code, reason } = event.kind else { panic!("{:?}", event.kind) };
        assert_eq!((code, reason.as_str()), (1011, crate::core::guard::TASK_FAILED));
        assert!(rt.is_idle(), "the connection is gone once its last event is taken");
        assert!(rt.send(id, crate::Message::text("late")).is_err());
    }
}
