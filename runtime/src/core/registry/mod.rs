//! The state every part of the engine shares: the live connections and servers, and the commands
//! the host sends a connection's task. The host's calls (through the façade above) and the tasks
//! meet here; nothing here knows how a connection was opened.
//!
//! One lock guards the connections and the running servers together, so a server that stops
//! and a handshake that completes at the same moment agree on which happened first.

mod admission;
pub(crate) mod backpressure;
pub(crate) mod channels;
mod entry;

use crate::config::Config;
use crate::core::event::{
    ConnId, DataKind, Event, EventKind, ListenerId, Message, Publication, Request, Verdict, HOST,
};
use crate::core::executor;
use crate::core::link::{Command, Link};
use crate::core::lock::lock;
use crate::core::queue::EventQueue;
use crate::core::registry::admission::Admissions;
use crate::core::registry::channels::Channels;
use crate::core::registry::entry::{Entry, Visible};
use crate::core::trim::{self, Burst};
use crate::error::Error;
use crate::protocol::close::check_close;
use async_std::channel::{Receiver, Sender};
use async_tungstenite::tungstenite::Message as Frame;
use rustc_hash::FxHashMap;
use std::collections::HashSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A connection's figures, as `stats` gives them.
#[derive(Debug, Clone, PartialEq)]
pub struct Stats {
    /// Bytes queued and not yet written.
    pub buffered: usize,
    /// Payload bytes and data messages written to the peer and read from it.
    pub bytes_sent: u64,
    pub messages_sent: u64,
    pub bytes_received: u64,
    pub messages_received: u64,
    /// The last measured ping round trip (`ping`, or the keepalive's); `None` before the first.
    pub rtt: Option<Duration>,
    /// Since the host took the connection's `Connected` event; zero before.
    pub connected_for: Duration,
    /// The negotiated subprotocol.
    pub protocol: Option<String>,
    /// The negotiated `Sec-WebSocket-Extensions`, empty when none.
    pub extensions: String,
}

#[derive(Default)]
struct Table {
    conns: FxHashMap<ConnId, Entry>,
    /// Servers still accepting.
    listening: HashSet<ListenerId>,
    channels: Channels,
    burst: Burst,
}

pub(crate) struct Registry {
    pub config: Config,
    pub queue: EventQueue,
    next_id: AtomicU64,
    table: Mutex<Table>,
    /// The handshakes waiting for the host's [`Verdict`].
    admissions: Admissions,
    /// Told each time a channel gains its first or loses its last subscriber here (the broker
    /// follows the set).
    channels_changed: std::sync::OnceLock<Sender<()>>,
}

impl Registry {
    pub fn new(config: Config) -> Registry {
        Registry {
            config,
            queue: EventQueue::default(),
            next_id: AtomicU64::new(1),
            table: Mutex::default(),
            admissions: Admissions::default(),
            channels_changed: std::sync::OnceLock::new(),
        }
    }

    /// Asks the host whether to accept `request`; the verdict arrives on the receiver. The
    /// caller that stops waiting calls [`Self::forget`], so a late answer finds no one.
    pub fn ask(&self, request: Request) -> (ConnId, Receiver<Verdict>) {
        let ticket = self.next_id.fetch_add(1, Ordering::Relaxed);
        let verdict = self.admissions.open(ticket);
        self.push(ticket, EventKind::Admit(Box::new(request)));
        (ticket, verdict)
    }

    pub fn answer(&self, ticket: ConnId, verdict: Verdict) {
        self.admissions.answer(ticket, verdict);
    }

    pub fn forget(&self, ticket: ConnId) {
        self.admissions.forget(ticket);
    }

    /// A new client connection in the table, and the link its task drives it through.
    pub fn register_client(&self, drain_threshold: usize) -> (ConnId, Arc<Link>) {
        insert(&mut lock(&self.table), &self.next_id, None, drain_threshold)
    }

    /// The same for a connection `listener` accepted; `None` when that server has stopped, and
    /// the connection must be closed unseen.
    pub fn register_accepted(&self, listener: ListenerId, drain_threshold: usize) -> Option<(ConnId, Arc<Link>)> {
        let mut table = lock(&self.table);
        table.listening.contains(&listener).then(|| insert(&mut table, &self.next_id, Some(listener), drain_threshold))
    }

    /// The subprotocol and extensions the handshake agreed on, for `stats`.
    pub fn set_agreed(&self, conn: ConnId, protocol: Option<String>, extensions: String) {
        if let Some(entry) = lock(&self.table).conns.get_mut(&conn) {
            entry.protocol = protocol;
            entry.extensions = extensions;
        }
    }

    pub fn push(&self, conn: ConnId, kind: EventKind) {
        self.queue.push(Event { conn, kind });
    }

    /// A new server, accepting from now on.
    pub fn open_listener(&self) -> ListenerId {
        let id = ListenerId(self.next_id.fetch_add(1, Ordering::Relaxed));
        lock(&self.table).listening.insert(id);
        id
    }

    /// The server accepts no more connections, and every one it accepted is closed with 1001.
    pub fn close_listener(&self, id: ListenerId) {
        let mut table = lock(&self.table);
        table.listening.remove(&id);
        for (conn, entry) in table.conns.iter_mut().filter(|(_, e)| e.listener == Some(id)) {
            entry.close(*conn, 1001, "server stopped");
        }
    }

    /// Queues a message; returns the bytes queued on the connection after it. Past
    /// `max_send_queue` bytes not yet written (a peer that does not read), the connection is
    /// closed with 1008 instead, and the message dropped.
    pub fn send(&self, conn: ConnId, message: Message) -> Result<usize, Error> {
        let mut table = lock(&self.table);
        let entry = table.conns.get_mut(&conn).filter(|e| e.visible == Visible::Open).ok_or(Error::NotConnected)?;
        if log::log_enabled!(log::Level::Debug) {
            log::debug!("connection {conn}: sending {} ({} bytes)", message.preview(), message.data.len());
        }
        let frame = frame(message)?;
        Ok(entry.queue(conn, frame, self.config.max_send_queue).unwrap_or_else(|queued| queued))
    }

    /// Queues one message on every connection of `conns` that is open, framed once: each gets
    /// the same shared payload. Returns how many it was queued on.
    pub fn broadcast(&self, conns: &[ConnId], message: Message) -> Result<usize, Error> {
        if log::log_enabled!(log::Level::Debug) {
            log::debug!(
                "broadcasting {} ({} bytes) to {} connections",
                message.preview(),
                message.data.len(),
                conns.len()
            );
        }
        let frame = frame(message)?;
        Ok(queue_each(&mut lock(&self.table).conns, conns, &frame, self.config.max_send_queue))
    }

    /// Sends a ping now; its pong updates the round trip `stats` reports.
    pub fn ping(&self, conn: ConnId) -> Result<(), Error> {
        let table = lock(&self.table);
        let entry = table.conns.get(&conn).filter(|e| e.visible == Visible::Open).ok_or(Error::NotConnected)?;
        entry.link.push(Command::Ping);
        Ok(())
    }

    pub fn stats(&self, conn: ConnId) -> Result<Stats, Error> {
        let table = lock(&self.table);
        let entry = table.conns.get(&conn).ok_or(Error::Closed)?;
        let counters = &entry.link.counters;
        let rtt = counters.rtt_nanos.load(Ordering::Relaxed);
        Ok(Stats {
            buffered: counters.queued.load(Ordering::Relaxed),
            bytes_sent: counters.bytes_sent.load(Ordering::Relaxed),
            messages_sent: counters.messages_sent.load(Ordering::Relaxed),
            bytes_received: counters.bytes_received.load(Ordering::Relaxed),
            messages_received: counters.messages_received.load(Ordering::Relaxed),
            rtt: (rtt > 0).then(|| Duration::from_nanos(rtt)),
            connected_for: entry.connected_at.map(|at| at.elapsed()).unwrap_or_default(),
            protocol: entry.protocol.clone(),
            extensions: entry.extensions.clone(),
        })
    }

    /// Closes with `code` and `reason` once the messages already sent are written.
    pub fn disconnect(&self, conn: ConnId, code: u16, reason: &str) -> Result<(), Error> {
        check_close(code, reason)?;
        let mut table = lock(&self.table);
        let entry = table.conns.get_mut(&conn).ok_or(Error::Closed)?;
        entry.close(conn, code, reason);
        Ok(())
    }

    /// Closes every connection, client and server side.
    pub fn close_all(&self, code: u16, reason: &str) {
        for (conn, entry) in lock(&self.table).conns.iter_mut() {
            entry.close(*conn, code, reason);
        }
    }

    /// Has `watch` told whenever the set of channels with a subscriber here changes.
    pub fn watch_channels(&self, watch: Sender<()>) {
        let _ = self.channels_changed.set(watch);
    }

    fn channels_changed(&self, changed: bool) {
        if let Some(watch) = self.channels_changed.get().filter(|_| changed) {
            let _ = watch.try_send(());
        }
    }

    /// Adds a connection (not closed yet) to a channel, or (`on` false) removes it.
    pub fn subscribe(&self, conn: ConnId, channel: &[u8], on: bool) -> Result<(), Error> {
        let mut table = lock(&self.table);
        table.conns.get(&conn).ok_or(Error::Closed)?;
        let changed = match on {
            true => table.channels.subscribe(conn, channel),
            false => table.channels.unsubscribe(conn, channel),
        };
        drop(table);
        self.channels_changed(changed);
        Ok(())
    }

    /// Whether the host takes `channel`'s messages (as [`EventKind::Published`] events).
    pub fn subscribe_host(&self, channel: &[u8], on: bool) {
        let changed = lock(&self.table).channels.set_host(channel, on);
        self.channels_changed(changed);
    }

    /// The channels with a subscriber here.
    pub fn channel_names(&self) -> Vec<Vec<u8>> {
        lock(&self.table).channels.names()
    }

    /// Delivers a message to `channel`'s subscribers here: queued on each open connection, framed
    /// once, and to the host as an event when it subscribes. Returns the connections it was
    /// queued on.
    pub fn deliver(&self, channel: &[u8], message: Message) -> Result<usize, Error> {
        let frame = frame(message)?;
        let mut table = lock(&self.table);
        let Table { conns, channels, .. } = &mut *table;
        let (subscribed, host) = channels.subscribers(channel);
        let queued = queue_each(conns, subscribed, &frame, self.config.max_send_queue);
        drop(table);
        if host {
            // The frame's payload, shared.
            let message = match &frame {
                Frame::Text(text) => Message::text(text.clone()),
                Frame::Binary(data) => Message::binary(data.clone()),
                _ => return Ok(queued),
            };
            self.push(HOST, EventKind::Published(Box::new(Publication { channel: channel.to_vec(), message })));
        }
        Ok(queued)
    }

    /// The host has taken `event`: what the script may do with its connection changes now.
    /// (A message's cost is told with [`Self::taken`].)
    pub fn seen(&self, event: &Event) {
        match &event.kind {
            EventKind::Connected(_) => {
                let mut table = lock(&self.table);
                if let Some(entry) = table.conns.get_mut(&event.conn).filter(|e| e.visible == Visible::Connecting) {
                    entry.visible = Visible::Open;
                    entry.connected_at = Some(Instant::now());
                }
            }
            EventKind::Disconnected { .. } => {
                let mut table = lock(&self.table);
                table.conns.remove(&event.conn);
                let changed = table.channels.leave(event.conn);
                let open = table.conns.len();
                let fallen = table.burst.closed(open);
                drop(table);
                self.channels_changed(changed);
                if fallen {
                    trim::soon();
                }
            }
            _ => {}
        }
    }

    /// The host has taken messages of `conn` that cost `bytes` ([`crate::core::link::cost`]), which
    /// leaves the connection room to read more.
    pub fn taken(&self, conn: ConnId, bytes: usize) {
        if bytes == 0 {
            return;
        }
        if let Some(entry) = lock(&self.table).conns.get_mut(&conn) {
            entry.credit.take(bytes, &entry.link);
        }
    }

    /// The connection's task is gone: what it was given, and will be, is dropped.
    pub fn end_task(&self, conn: ConnId) {
        if let Some(entry) = lock(&self.table).conns.get(&conn) {
            entry.link.end();
        }
    }

    /// The descriptor a program's own loop waits on ([`EventQueue::event_fd`]), watching every
    /// connection's socket from the call that makes it on.
    pub fn event_fd(&self) -> std::io::Result<i32> {
        // Under the table's lock, so a connection's socket is watched by this loop or by
        // [`Self::watch`], which looks for the descriptor under the same lock.
        let table = lock(&self.table);
        let (fd, made) = self.queue.event_fd()?;
        if made {
            for (&conn, entry) in &table.conns {
                // An ended connection's socket may be closed, and its number another's by now.
                if let Some(socket) = entry.socket.filter(|_| !entry.link.has_ended()) {
                    self.queue.watch(socket, conn);
                }
            }
        }
        Ok(fd)
    }

    /// `conn`'s task runs on `socket`: the event_fd descriptor, when there is one, watches it.
    pub fn watch(&self, conn: ConnId, socket: i32) {
        if let Some(entry) = lock(&self.table).conns.get_mut(&conn) {
            entry.socket = Some(socket);
            self.queue.watch(socket, conn);
        }
    }

    /// Has the connections whose sockets the event_fd descriptor told of read on this thread,
    /// now: the host that waited on the descriptor takes their messages without waiting for an
    /// engine thread to read them (which takes two threads' wake-ups, on different cores).
    pub fn pump(&self) {
        if !self.queue.has_event_fd() {
            return;
        }
        let mut ready = Vec::new();
        self.queue.ready(&mut ready);
        executor::run_here(|| {
            let table = lock(&self.table);
            for conn in &ready {
                if let Some(entry) = table.conns.get(conn) {
                    entry.link.poke();
                }
            }
        });
    }

    /// Some connection's last event has not been taken yet.
    pub fn has_connections(&self) -> bool {
        !lock(&self.table).conns.is_empty()
    }
}

fn insert(
    table: &mut Table,
    next_id: &AtomicU64,
    listener: Option<ListenerId>,
    drain_threshold: usize,
) -> (ConnId, Arc<Link>) {
    let id = next_id.fetch_add(1, Ordering::Relaxed);
    let link = Arc::new(Link::default());
    table.conns.insert(id, Entry::new(link.clone(), listener, drain_threshold));
    table.burst.opened(table.conns.len());
    (id, link)
}

/// A message as tungstenite frames it; its payload is shared by every clone.
fn frame(message: Message) -> Result<Frame, Error> {
    Ok(match message.kind {
        DataKind::Binary => Frame::Binary(message.data),
        DataKind::Text => Frame::Text(message.data.try_into().map_err(|_| Error::NotUtf8)?),
    })
}

/// Queues one frame on each of `ids` that is open; returns how many it was queued on.
fn queue_each<'a>(
    conns: &mut FxHashMap<ConnId, Entry>,
    ids: impl IntoIterator<Item = &'a ConnId>,
    frame: &Frame,
    limit: usize,
) -> usize {
    let mut queued = 0;
    for conn in ids {
        if let Some(entry) = conns.get_mut(conn).filter(|e| e.visible == Visible::Open) {
            queued += usize::from(entry.queue(*conn, frame.clone(), limit).is_ok());
        }
    }
    queued
}
