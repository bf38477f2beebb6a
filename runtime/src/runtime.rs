//! [`Runtime`]: the host-facing façade on top of the engine. Its methods return at once; the
//! network work happens in async-std tasks, which report back through the event queue.

use crate::broker::{Broker, BrokerState, BrokerStatus};
use crate::client::{self, ConnectOptions};
use crate::config::{Config, MAX_CHANNEL};
use crate::core::event::{ConnId, Event, EventKind, ListenerId, Message, Verdict, HOST};
use crate::core::executor::{self, Batch};
use crate::core::link::{cost, TELL_TAKEN};
use crate::core::lock::lock;
use crate::core::queue::Taken;
use crate::core::registry::{Registry, Stats};
use crate::error::Error;
use crate::fetch::{Fetcher, HttpRequest};
use crate::server::{self, ListenOptions, Listening};
use std::cell::Cell;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A server started by [`Runtime::listen`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Listener {
    /// The bound port (what port 0 picked).
    pub port: u16,
    /// What the `Connected` events of its connections carry.
    pub id: ListenerId,
}

/// The engine. Dropping it closes every connection with 1001 (going away).
pub struct Runtime {
    registry: Arc<Registry>,
    /// The running servers, in the order they started.
    listening: Mutex<Vec<Listening>>,
    /// The channels' broker, when the config names one.
    broker: Option<Broker>,
    /// The events the host took from the queue and has not handled yet.
    taken: Taken,
    /// The cost of the messages the host has taken from one connection and not told the
    /// registry of yet (see [`Self::seen`]).
    untold: Cell<(ConnId, usize)>,
    /// The HTTP requests.
    fetcher: Fetcher,
}

/// Wakes a [`Runtime::next_event`] wait from another thread, e.g. a signal handler.
#[derive(Clone)]
pub struct Interrupter(Arc<Registry>);

impl Interrupter {
    pub fn interrupt(&self) {
        self.0.queue.interrupt();
    }
}

impl Runtime {
    pub fn new(config: Config) -> Runtime {
        let registry = Arc::new(Registry::new(config));
        let broker = registry.config.broker.as_deref().map(|url| Broker::start(&registry, url));
        Runtime {
            registry,
            listening: Mutex::default(),
            broker,
            taken: Taken::default(),
            untold: Cell::new((HOST, 0)),
            fetcher: Fetcher::default(),
        }
    }

    #[cfg(test)]
    pub(crate) fn registry(&self) -> &Arc<Registry> {
        &self.registry
    }

    pub fn config(&self) -> &Config {
        &self.registry.config
    }

    /// Starts connecting. A malformed URL or header string is an error here, before anything is
    /// sent; every later failure arrives as an `Error` event followed by `Disconnected`.
    pub fn connect(&self, url: &str, options: ConnectOptions) -> Result<ConnId, Error> {
        client::start(&self.registry, url, options)
    }

    /// Queues a message; returns the bytes queued on the connection after it. Past
    /// `max_send_queue` bytes not yet written (a peer that does not read), the connection is
    /// closed with 1008 instead, and the message dropped.
    pub fn send(&self, conn: ConnId, message: Message) -> Result<usize, Error> {
        self.registry.send(conn, message)
    }

    /// Queues one message on each open connection of `conns`, framed once; returns how many.
    pub fn broadcast(&self, conns: &[ConnId], message: Message) -> Result<usize, Error> {
        self.registry.broadcast(conns, message)
    }

    /// Pings the peer now; its pong updates `stats().rtt`.
    pub fn ping(&self, conn: ConnId) -> Result<(), Error> {
        self.registry.ping(conn)
    }

    /// Adds a connection to a channel (see [`Self::publish`]), or (`on` false) removes it; it
    /// leaves all its channels when it closes.
    pub fn subscribe(&self, conn: ConnId, channel: &[u8], on: bool) -> Result<(), Error> {
        self.registry.subscribe(conn, check_channel(channel)?, on)
    }

    /// Whether the host takes `channel`'s messages, as [`crate::EventKind::Published`] events.
    pub fn subscribe_host(&self, channel: &[u8], on: bool) -> Result<(), Error> {
        self.registry.subscribe_host(check_channel(channel)?, on);
        Ok(())
    }

    /// Delivers a message to `channel`'s subscribers here (connections framed once, the host
    /// as an event) and relays it through the broker to every other process. Returns how many
    /// connections here it was queued on.
    pub fn publish(&self, channel: &[u8], message: Message) -> Result<usize, Error> {
        let channel = check_channel(channel)?;
        if let Some(broker) = &self.broker {
            broker.relay(channel, &message);
        }
        self.registry.deliver(channel, message)
    }

    pub fn broker_status(&self) -> BrokerStatus {
        let channels = self.registry.channel_names().len();
        match &self.broker {
            Some(broker) => broker.status(channels),
            None => BrokerStatus { state: BrokerState::Off, relayed: 0, unrelayed: 0, received: 0, channels },
        }
    }

    /// What the connection has sent, received and queued, and how far the peer is.
    pub fn stats(&self, conn: ConnId) -> Result<Stats, Error> {
        self.registry.stats(conn)
    }

    /// Closes with `code` and `reason` once the messages already sent are written.
    pub fn disconnect(&self, conn: ConnId, code: u16, reason: &str) -> Result<(), Error> {
        self.registry.disconnect(conn, code, reason)
    }

    /// Listens on `port` (0 picks one), on every IPv4 and IPv6 address or on `options.host`.
    /// Several servers may run, on different ports.
    pub fn listen(
        &self,
        port: u16,
        max_connections: usize,
        handshake_timeout: Duration,
        options: ListenOptions,
    ) -> Result<Listener, Error> {
        let server = server::listen(&self.registry, port, max_connections, handshake_timeout, options)?;
        let listener = Listener { port: server.port, id: server.id };
        lock(&self.listening).push(server);
        log::info!("listening on port {}", listener.port);
        Ok(listener)
    }

    /// Stops the server on `port`, or every server when `None`: no new connections, and every
    /// connection they accepted closed with 1001. Returns the servers stopped.
    pub fn stop_listening(&self, port: Option<u16>) -> Vec<Listener> {
        let stopped: Vec<Listening> = {
            let mut listening = lock(&self.listening);
            let (stop, keep) =
                std::mem::take(&mut *listening).into_iter().partition(|s| port.is_none_or(|p| s.port == p));
            *listening = keep;
            stop
        };
        stopped
            .into_iter()
            .map(|server| {
                let listener = Listener { port: server.port, id: server.id };
                server.stop(&self.registry);
                log::info!("stopped listening on port {}", listener.port);
                listener
            })
            .collect()
    }

    /// Stops every server and closes every connection with 1001; their events still arrive.
    pub fn shutdown(&self) {
        self.fetcher.abandon();
        self.stop_listening(None);
        self.registry.close_all(1001, "going away");
    }

    /// Answers an [`crate::EventKind::Admit`] event: its `conn` is the ticket. An answer that
    /// comes after the handshake's time is up is ignored (the client got 503).
    pub fn admit(&self, ticket: ConnId, verdict: Verdict) {
        self.registry.answer(ticket, verdict);
    }

    /// The next event, waiting up to `timeout` (`None`: until one arrives or an interrupt).
    pub fn next_event(&self, timeout: Option<Duration>) -> Option<Event> {
        self.block_on(self.event(timeout))
    }

    /// [`Self::next_event`] for a host that waits in [`Self::block_on`] or [`Self::host_loop`].
    pub async fn event(&self, timeout: Option<Duration>) -> Option<Event> {
        if self.taken.len() == 0 {
            self.registry.pump();
            self.registry.queue.arrival(timeout).await?;
        }
        self.queued_event()
    }

    /// The next event if one is queued now: a host's step that is already handling events takes
    /// the next this way, from anywhere (even from inside a Lua call), with nothing to wait on.
    pub fn queued_event(&self) -> Option<Event> {
        let event = self.taken.pop(&self.registry.queue)?;
        self.seen(&event);
        Some(event)
    }

    /// The host has taken `event`. The cost of a connection's messages is told to the registry
    /// once per [`TELL_TAKEN`], and when a message of another connection is taken, not per
    /// message, whose lock would cost every message a locked instruction. The
    /// registry tells the connection's task at most [`TELL_TAKEN`] late in turn, so the bytes
    /// the host has taken and not told stay under twice that: a quarter of what a connection
    /// may have waiting, under the half below which a paused connection reads again.
    fn seen(&self, event: &Event) {
        if let EventKind::Http(reply) = &event.kind {
            if reply.done {
                self.fetcher.finished();
            }
            return;
        }
        let EventKind::Message(message) = &event.kind else { return self.registry.seen(event) };
        let (mut conn, mut untold) = self.untold.get();
        if conn != event.conn {
            self.registry.taken(conn, untold);
            (conn, untold) = (event.conn, 0);
        }
        untold += cost(message.data.len());
        if untold >= TELL_TAKEN {
            self.registry.taken(conn, untold);
            untold = 0;
        }
        self.untold.set((conn, untold));
    }

    /// Runs `future` on this thread, its waits for events being [`Self::event`]: a host's
    /// step that waits for events and handles them, like the module's `update`.
    pub fn block_on<T>(&self, future: impl Future<Output = T>) -> T {
        executor::block_on(future)
    }

    /// Runs `future`, a host's step that does not wait (`update(0)`), on this thread: the same
    /// as [`Self::block_on`], with no thread woken on the way.
    pub fn now<T>(&self, future: impl Future<Output = T>) -> T {
        executor::now(future)
    }

    /// Marks the host's handling of the events it took, on this thread, until the value is
    /// dropped: what its calls queue meanwhile for the engine (a send's write) is done by this
    /// thread when the batch ends if it is one task, and by the engine's threads if more.
    pub fn batch(&self) -> Batch {
        Batch::start()
    }

    /// Runs a host's loop on this thread, its waits for events being [`Self::event`]. Each
    /// [`Self::next_event`] or [`Self::block_on`] ends by handing the sockets' polling to
    /// another thread; a loop that runs here keeps polling them whenever it waits, and the
    /// engine's threads leave them to it, so a message that arrives while it waits is read and
    /// handled on this thread without waking another.
    pub fn host_loop<T>(&self, host_loop: impl Future<Output = T>) -> T {
        executor::host_loop(host_loop)
    }

    /// How many events are queued.
    pub fn pending(&self) -> usize {
        self.taken.len() + self.registry.queue.len()
    }

    /// No connection (until its Disconnected event is taken), no server and no HTTP request
    /// (until its last event is taken) is left.
    pub fn is_idle(&self) -> bool {
        !self.registry.has_connections() && lock(&self.listening).is_empty() && self.fetcher.in_flight() == 0
    }

    /// Starts an HTTP request; its events ([`EventKind::Http`]) carry the id returned. A
    /// malformed URL, method or header, or a `path` in a missing folder, is an error here,
    /// before anything is sent; every later failure is the request's last event.
    pub fn http_request(&self, request: HttpRequest) -> Result<u64, Error> {
        self.fetcher.start(&self.registry, request)
    }

    /// A descriptor for a program's own event loop: readable while events wait to be taken
    /// ([`Self::next_event`], [`Self::queued_event`]), drained when they all have been, and
    /// (Linux) when a connection's socket has data, which the next [`Self::event`] reads on the
    /// caller's thread. Made on the first call, the same one after; close-on-exec. Unix only.
    pub fn event_fd(&self) -> Result<i32, Error> {
        self.registry.event_fd().map_err(Error::EventFd)
    }

    pub fn interrupter(&self) -> Interrupter {
        Interrupter(self.registry.clone())
    }
}

fn check_channel(channel: &[u8]) -> Result<&[u8], Error> {
    match channel.len() {
        1..=MAX_CHANNEL => Ok(channel),
        len => Err(Error::Channel(len)),
    }
}

impl Drop for Runtime {
    fn drop(&mut self) {
        self.shutdown();
    }
}
