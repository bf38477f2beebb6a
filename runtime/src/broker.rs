//! Channels across processes, over Redis pub/sub (the redis crate, on async-std): one task keeps
//! a subscriber connection for the channels that have subscribers here, relays what this process
//! publishes with `PUBLISH`, and delivers what other processes publish. While Redis cannot be
//! reached, it retries with backoff and publishing stays local; a message crosses at most once.
//!
//! A Redis that hangs (stopped, swapped out, a half-open path) is found like one that is gone:
//! every command has [`BROKER_RESPONSE_TIMEOUT`] to be answered, quiet connections are pinged
//! every [`BROKER_PING_INTERVAL`], and the sockets have TCP keepalive. What waits to be relayed is
//! bounded by `broker_backlog` bytes: a message that does not fit is delivered here only and
//! counted as unrelayed (the newest are dropped, so what is queued keeps its order).

use crate::config::{
    BROKER_CONNECT_TIMEOUT, BROKER_FIRST_RETRY, BROKER_LAST_RETRY, BROKER_PING_INTERVAL, BROKER_RESPONSE_TIMEOUT,
};
use crate::core::event::{DataKind, Message};
use crate::core::executor;
use crate::core::registry::Registry;
use async_std::channel::{self, Receiver, Sender, TryRecvError};
use async_tungstenite::tungstenite::Bytes;
use futures::{FutureExt, StreamExt};
use std::collections::HashSet;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// The most messages sent to Redis in one pipeline.
const BATCH: usize = 256;

/// Whether the broker is configured and reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BrokerState {
    /// No broker: channels stay within this process.
    Off,
    Up,
    Down,
}

/// The broker's state and counts, for `broker_status`.
#[derive(Debug, Clone, PartialEq)]
pub struct BrokerStatus {
    pub state: BrokerState,
    /// Published here and handed to Redis.
    pub relayed: u64,
    /// Published here while Redis could not be reached: delivered here only.
    pub unrelayed: u64,
    /// From other processes, delivered here.
    pub received: u64,
    /// Channels with a subscriber here.
    pub channels: usize,
}

/// Checks a broker URL (`redis://[user:password@]host:port[/db]`) without connecting.
pub fn check_url(url: &str) -> Result<(), String> {
    if !url.starts_with("redis://") {
        return Err(format!("'{url}' is not a redis:// url (redis://[user:password@]host:port[/db])"));
    }
    redis::Client::open(url).map(drop).map_err(|e| format!("'{url}': {e}"))
}

#[derive(Default)]
struct Counts {
    up: AtomicBool,
    relayed: AtomicU64,
    unrelayed: AtomicU64,
    received: AtomicU64,
    /// The bytes of the messages waiting for the task.
    queued: AtomicUsize,
}

enum Command {
    /// `size` is what it counts in the backlog.
    Publish { size: usize, channel: Vec<u8>, payload: Vec<u8> },
    /// The set of channels with subscribers here changed.
    Resync,
}

/// The running broker task's handle, owned by the façade; dropping it ends the task.
pub(crate) struct Broker {
    commands: Sender<Command>,
    counts: Arc<Counts>,
    origin: u64,
    /// The most bytes queued for the task.
    backlog: usize,
}

impl Broker {
    pub fn start(registry: &Arc<Registry>, url: &str) -> Broker {
        let (commands, receiver) = channel::unbounded();
        let (watch, changes) = channel::bounded(1);
        registry.watch_channels(watch);
        // Channel changes reach the task in order with the messages it relays.
        let resync = commands.clone();
        executor::spawn(async move {
            while changes.recv().await.is_ok() {
                if resync.send(Command::Resync).await.is_err() {
                    return;
                }
            }
        })
        .detach();
        let counts = Arc::new(Counts::default());
        let origin = origin();
        let task = Task { registry: registry.clone(), url: url.to_string(), counts: counts.clone(), origin };
        executor::spawn(task.run(receiver)).detach();
        Broker { commands, counts, origin, backlog: registry.config.broker_backlog }
    }

    /// Relays a message published here, when Redis is reachable and the backlog has room; never
    /// waits.
    pub fn relay(&self, channel: &[u8], message: &Message) {
        let size = channel.len() + message.data.len();
        let counts = &self.counts;
        let fits = counts
            .queued
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |queued| {
                (queued + size <= self.backlog).then_some(queued + size)
            })
            .is_ok();
        if !counts.up.load(Ordering::SeqCst) || !fits {
            if fits {
                counts.queued.fetch_sub(size, Ordering::SeqCst);
            }
            counts.unrelayed.fetch_add(1, Ordering::Relaxed);
            return;
        }
        let command = Command::Publish { size, channel: channel.to_vec(), payload: encode(self.origin, message) };
        if self.commands.try_send(command).is_err() {
            counts.queued.fetch_sub(size, Ordering::SeqCst);
            counts.unrelayed.fetch_add(1, Ordering::Relaxed);
        }
    }

    pub fn status(&self, channels: usize) -> BrokerStatus {
        let counts = &self.counts;
        BrokerStatus {
            state: if counts.up.load(Ordering::SeqCst) { BrokerState::Up } else { BrokerState::Down },
            relayed: counts.relayed.load(Ordering::Relaxed),
            unrelayed: counts.unrelayed.load(Ordering::Relaxed),
            received: counts.received.load(Ordering::Relaxed),
            channels,
        }
    }
}

/// Identifies this process's messages on Redis, so it does not deliver its own twice.
fn origin() -> u64 {
    std::collections::hash_map::RandomState::new().build_hasher().finish() ^ u64::from(std::process::id())
}

/// What goes on the wire: the origin (8 bytes), the kind (`t` or `b`), the payload.
fn encode(origin: u64, message: &Message) -> Vec<u8> {
    let kind = match message.kind {
        DataKind::Text => b't',
        DataKind::Binary => b'b',
    };
    [&origin.to_be_bytes()[..], &[kind], &message.data].concat()
}

fn decode(payload: &[u8]) -> Option<(u64, Message)> {
    let (origin, rest) = payload.split_first_chunk::<8>()?;
    let (kind, data) = rest.split_first()?;
    let kind = match kind {
        b't' => DataKind::Text,
        b'b' => DataKind::Binary,
        _ => return None,
    };
    Some((u64::from_be_bytes(*origin), Message { data: Bytes::copy_from_slice(data), kind }))
}

struct Task {
    registry: Arc<Registry>,
    url: String,
    counts: Arc<Counts>,
    origin: u64,
}

/// What the session's loop woke for.
enum Next {
    Received(Option<redis::Msg>),
    Command(Result<Command, async_std::channel::RecvError>),
    /// Nothing for [`BROKER_PING_INTERVAL`].
    Quiet,
}

/// A Redis call's result within [`BROKER_RESPONSE_TIMEOUT`], its error in words.
async fn answered<T>(call: impl std::future::Future<Output = redis::RedisResult<T>>) -> Result<T, String> {
    match async_std::future::timeout(BROKER_RESPONSE_TIMEOUT, call).await {
        Ok(result) => result.map_err(|e| e.to_string()),
        Err(_) => Err(format!("Redis did not answer within {} s", BROKER_RESPONSE_TIMEOUT.as_secs())),
    }
}

/// Why a session with Redis ended.
enum End {
    /// The runtime is gone.
    Stopped,
    Lost(String),
}

/// However the task ends (the runtime gone, or a panic the executor logs), nothing is relayed
/// any more, and `broker_status` says so.
impl Drop for Task {
    fn drop(&mut self) {
        self.counts.up.store(false, Ordering::SeqCst);
    }
}

impl Task {
    async fn run(self, commands: Receiver<Command>) {
        let mut retry = BROKER_FIRST_RETRY;
        loop {
            match self.session(&commands, &mut retry).await {
                End::Stopped => return,
                End::Lost(why) => log::warn!("broker {}: {why}; retrying in {} ms", self.url, retry.as_millis()),
            }
            self.counts.up.store(false, Ordering::SeqCst);
            // Wait, keeping count of what could not be relayed meanwhile.
            let deadline = std::time::Instant::now() + retry;
            loop {
                let left = deadline.saturating_duration_since(std::time::Instant::now());
                match async_std::future::timeout(left, commands.recv()).await {
                    Err(_) => break,
                    Ok(Err(_)) => return,
                    Ok(Ok(Command::Publish { size, .. })) => {
                        self.taken(size);
                        self.unrelayed(1);
                    }
                    Ok(Ok(Command::Resync)) => {}
                }
            }
            retry = (retry * 2).min(BROKER_LAST_RETRY);
        }
    }

    fn unrelayed(&self, n: usize) {
        self.counts.unrelayed.fetch_add(n as u64, Ordering::Relaxed);
    }

    /// A message's bytes left the backlog.
    fn taken(&self, size: usize) {
        self.counts.queued.fetch_sub(size, Ordering::SeqCst);
    }

    /// Connects, subscribes, and relays until Redis or the runtime goes away.
    async fn session(&self, commands: &Receiver<Command>, retry: &mut Duration) -> End {
        let connect = async {
            let client = redis::Client::open(self.url.as_str())?;
            let keepalive = redis::io::tcp::socket2::TcpKeepalive::new()
                .with_time(Duration::from_secs(5))
                .with_interval(Duration::from_secs(1));
            let config = redis::AsyncConnectionConfig::new()
                .set_connection_timeout(BROKER_CONNECT_TIMEOUT)
                .set_response_timeout(BROKER_RESPONSE_TIMEOUT)
                .set_tcp_settings(redis::io::tcp::TcpSettings::default().set_nodelay(true).set_keepalive(keepalive));
            let publisher = client.get_multiplexed_async_connection_with_config(&config).await?;
            let pubsub = client.get_async_pubsub().await?;
            redis::RedisResult::Ok((publisher, pubsub))
        };
        let (mut publisher, pubsub) = match async_std::future::timeout(BROKER_CONNECT_TIMEOUT, connect).await {
            Ok(Ok(connected)) => connected,
            Ok(Err(e)) => return End::Lost(e.to_string()),
            Err(_) => return End::Lost("timed out connecting".into()),
        };
        let (mut sink, mut stream) = pubsub.split();
        let mut subscribed: HashSet<Vec<u8>> = HashSet::new();
        if let Err(e) = answered(self.resync(&mut sink, &mut subscribed)).await {
            return End::Lost(e);
        }
        log::info!("broker {}: connected, {} channels", self.url, subscribed.len());
        self.counts.up.store(true, Ordering::SeqCst);
        *retry = BROKER_FIRST_RETRY;
        loop {
            let next = futures::select! {
                message = stream.next().fuse() => Next::Received(message),
                command = commands.recv().fuse() => Next::Command(command),
                () = async_std::task::sleep(BROKER_PING_INTERVAL).fuse() => Next::Quiet,
            };
            match next {
                Next::Received(None) => return End::Lost("the connection closed".into()),
                Next::Received(Some(message)) => self.receive(&message),
                Next::Command(Err(_)) => return End::Stopped,
                Next::Command(Ok(Command::Resync)) => {
                    if let Err(e) = answered(self.resync(&mut sink, &mut subscribed)).await {
                        return End::Lost(e);
                    }
                }
                Next::Quiet => {
                    // Both connections, so a hung Redis is found while nothing is published.
                    let pinged = async {
                        redis::cmd("PING").query_async::<()>(&mut publisher).await?;
                        sink.ping::<()>().await
                    };
                    if let Err(e) = answered(pinged).await {
                        return End::Lost(e);
                    }
                }
                Next::Command(Ok(Command::Publish { size, channel, payload })) => {
                    self.taken(size);
                    // What else is waiting goes in the same pipeline.
                    let mut pipe = redis::pipe();
                    pipe.cmd("PUBLISH").arg(channel).arg(payload).ignore();
                    let mut count = 1;
                    let mut resync = false;
                    while count < BATCH {
                        match commands.try_recv() {
                            Ok(Command::Publish { size, channel, payload }) => {
                                self.taken(size);
                                pipe.cmd("PUBLISH").arg(channel).arg(payload).ignore();
                                count += 1;
                            }
                            Ok(Command::Resync) => resync = true,
                            Err(TryRecvError::Empty | TryRecvError::Closed) => break,
                        }
                    }
                    if let Err(e) = answered(pipe.query_async::<()>(&mut publisher)).await {
                        self.unrelayed(count);
                        return End::Lost(e);
                    }
                    self.counts.relayed.fetch_add(count as u64, Ordering::Relaxed);
                    if resync {
                        if let Err(e) = answered(self.resync(&mut sink, &mut subscribed)).await {
                            return End::Lost(e);
                        }
                    }
                }
            }
        }
    }

    /// Subscribes to the channels that gained subscribers here, unsubscribes from those that
    /// lost them.
    async fn resync(
        &self,
        sink: &mut redis::aio::PubSubSink,
        subscribed: &mut HashSet<Vec<u8>>,
    ) -> redis::RedisResult<()> {
        let wanted: HashSet<Vec<u8>> = self.registry.channel_names().into_iter().collect();
        for channel in wanted.difference(subscribed) {
            sink.subscribe(channel.as_slice()).await?;
        }
        for channel in subscribed.difference(&wanted) {
            sink.unsubscribe(channel.as_slice()).await?;
        }
        *subscribed = wanted;
        Ok(())
    }

    /// Delivers a message another process published.
    fn receive(&self, message: &redis::Msg) {
        let Ok(channel) = message.get_channel::<Vec<u8>>() else { return };
        let Some((origin, message)) = decode(message.get_payload_bytes()) else {
            return log::warn!(
                "broker {}: a message on {:?} that wslua did not publish",
                self.url,
                String::from_utf8_lossy(&channel)
            );
        };
        if origin == self.origin {
            return;
        }
        self.counts.received.fetch_add(1, Ordering::Relaxed);
        if let Err(e) = self.registry.deliver(&channel, message) {
            log::warn!("broker {}: {e}", self.url);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{check_url, decode, encode};
    use crate::core::event::Message;

    #[test]
    fn messages_cross_with_their_origin_and_kind() {
        for message in [Message::text("hello"), Message::binary(vec![0, 255]), Message::text("")] {
            assert_eq!(decode(&encode(42, &message)), Some((42, message)));
        }
        assert_eq!(decode(b"short"), None);
        assert_eq!(decode(b"12345678x"), None, "unknown kind");
    }

    #[test]
    fn only_redis_urls_are_brokers() {
        assert!(check_url("redis://127.0.0.1:6379").is_ok());
        assert!(check_url("redis://user:pw@localhost:6380/2").is_ok());
        for bad in ["127.0.0.1:6379", "http://h:1", "redis://h:notaport", "redis://h:1/x"] {
            assert!(check_url(bad).is_err(), "{bad}");
        }
    }
}
