//! Every timeout and limit of the engine: those a script sets, in one struct whose defaults match
//! `api.yaml`'s `[websocket]` config keys (the host converts that section into it), and the
//! fixed ones, as the constants below it.

use async_tungstenite::tungstenite::protocol::WebSocketConfig;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// A TCP connect attempt when a name has more addresses to try.
    pub socket_timeout: Duration,
    /// How long a closing connection waits for the peer's answer to its close frame (and for
    /// the close frame to be written) before dropping the socket.
    pub close_timeout: Duration,
    /// The largest message (and frame) accepted from a peer; larger closes with 1009.
    pub max_message_size: usize,
    /// Bytes given to `send` and not yet written; past it the connection closes with 1008.
    pub max_send_queue: usize,
    /// After this long without hearing from the peer, ping it; `None` never pings.
    pub ping_interval: Option<Duration>,
    /// A peer that answers nothing this long after a ping is closed as lost (1006).
    pub ping_timeout: Duration,
    /// A connection whose send queue reached this many bytes reports `Drain` when it is
    /// written out; 0 never. Connections and servers may set their own.
    pub drain_threshold: usize,
    /// Extra trusted roots (PEM) for every `wss://` client that names no CA file of its own.
    pub ca_file: Option<PathBuf>,
    /// permessage-deflate: offered by clients and accepted by servers that do not say otherwise.
    pub compression: bool,
    /// How permessage-deflate compresses where connections and servers do not say.
    pub deflate: DeflateSettings,
    /// The Redis URL that carries channel messages between processes; `None`: in-process only.
    pub broker: Option<String>,
    /// The bytes of published messages waiting to be relayed to Redis, at most; past it a
    /// message is delivered here only and counted as unrelayed.
    pub broker_backlog: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            socket_timeout: Duration::from_micros(500_000),
            close_timeout: Duration::from_secs(5),
            max_message_size: 64 << 20,
            max_send_queue: 64 << 20,
            ping_interval: Some(Duration::from_secs(30)),
            ping_timeout: Duration::from_secs(30),
            drain_threshold: 0,
            ca_file: None,
            compression: false,
            deflate: DeflateSettings::default(),
            broker: None,
            broker_backlog: 16 << 20,
        }
    }
}

/// How one side compresses what it sends.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DeflateSettings {
    /// The window this side compresses with, a base-2 logarithm (9 to 15), and, as a server,
    /// asks its clients to compress with: the default 12 (4 KiB, as python `websockets`
    /// chooses) against the protocol's 32 KiB makes each compressed connection lighter by some
    /// 90 KiB of windows while compressing, and 1 KiB JSON messages barely larger
    /// (bench/results/compression.md; the compressor is protocol/compressor.rs).
    pub window_bits: u8,
    /// zlib's `memLevel` (1 to 9): zlib-rs sizes a deflate block's buffers by it (2^(level+6)
    /// symbols, 7 bytes each); its hash table is 128 KiB at every level. The default 5 (python
    /// `websockets`' choice too) against zlib's 8 holds 40 KiB less while compressing and
    /// compressed 1 KiB JSON messages 6% faster, as small.
    pub mem_level: u8,
}

impl Default for DeflateSettings {
    fn default() -> Self {
        DeflateSettings { window_bits: 12, mem_level: 5 }
    }
}

impl DeflateSettings {
    /// The settings, or what is out of range.
    pub fn new(window_bits: u8, mem_level: u8) -> Result<DeflateSettings, String> {
        if !(9..=15).contains(&window_bits) {
            return Err(format!("window_bits is {window_bits}, not 9 to 15"));
        }
        if !(1..=9).contains(&mem_level) {
            return Err(format!("mem_level is {mem_level}, not 1 to 9"));
        }
        Ok(DeflateSettings { window_bits, mem_level })
    }
}

impl Config {
    /// tungstenite's settings for every connection.
    pub(crate) fn websocket(&self) -> WebSocketConfig {
        WebSocketConfig::default()
            .read_buffer_size(READ_BUFFER)
            .max_message_size(Some(self.max_message_size))
            .max_frame_size(Some(self.max_message_size))
    }
}

/// tungstenite's read buffer: the most it reads at a time. It zeroes this much of every
/// connection's buffer on its first read, so it is resident even when idle, and small for
/// that. A busy socket is read 128 KiB at a time beneath it (protocol/frames/readahead.rs), so
/// this only sets how much tungstenite copies per call (docs/performance.md has the figures).
pub(crate) const READ_BUFFER: usize = 1 << 10;

/// A compressed connection that has sent nothing for this long gives back its compressor's
/// state (some 200 KiB with zlib-rs, whose hash table alone is 128 KiB), keeping only the last
/// window of what it sent; its next message makes a new one from that, for some 10 µs. A
/// connection that sends more often than this keeps it.
pub(crate) const COMPRESSOR_IDLE: Duration = Duration::from_secs(1);

/// Received bytes a connection may have waiting for the host, each message counted with
/// [`EVENT_COST`] more: past it the connection stops reading until the host has taken half of
/// them, and TCP makes the peer wait. A peer that sends faster than the host's callbacks run
/// would otherwise fill the host's memory; a message larger than this is still read whole.
pub const MAX_UNDELIVERED: usize = 4 << 20;

/// What a received message costs waiting for the host besides its payload: its event in the
/// queue and the payload's allocation.
pub const EVENT_COST: usize = 128;

/// The most of a refused handshake's response body that is kept.
pub const MAX_RESPONSE_BODY: usize = 64 << 10;

/// The longest channel name, in bytes.
pub const MAX_CHANNEL: usize = 256;

/// The largest HTTP response body held in memory (`http.request` without `path`); a larger one
/// fails that request alone, and a file (`path`) has no limit.
pub const MAX_HTTP_BODY: usize = 256 << 20;

/// A close frame's payload is at most 125 bytes, 2 of which are the code (RFC 6455 5.5).
pub const MAX_CLOSE_REASON: usize = 123;

/// The most bytes of an upgrade request's line and headers read before answering 431.
pub const MAX_REQUEST_HEAD: usize = 16 << 10;

/// The most headers an upgrade request may have.
pub const MAX_REQUEST_HEADERS: usize = 64;

/// The most bytes of a proxy's answer head read.
pub const MAX_PROXY_RESPONSE_HEAD: usize = 16 << 10;

/// The first and the longest wait before trying Redis again.
pub const BROKER_FIRST_RETRY: Duration = Duration::from_millis(100);
pub const BROKER_LAST_RETRY: Duration = Duration::from_secs(2);

/// How long connecting to Redis may take.
pub const BROKER_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// How long Redis has to answer a command (a pipeline of PUBLISHes, a SUBSCRIBE, a PING) before
/// the broker counts it as hung: it drops the connection and connects again.
pub const BROKER_RESPONSE_TIMEOUT: Duration = Duration::from_secs(2);

/// How long the broker's connections may stay quiet before it pings Redis: a Redis that stops
/// answering is found within this and [`BROKER_RESPONSE_TIMEOUT`] even when nothing is published.
pub const BROKER_PING_INTERVAL: Duration = Duration::from_secs(1);
