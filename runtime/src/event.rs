//! What the engine reports to the host, and the queue that carries it across threads.

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

/// Identifies a connection for its whole life; never reused.
pub type ConnId = u64;

#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub conn: ConnId,
    pub kind: EventKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum EventKind {
    /// The handshake completed. `Some` for connections accepted by the server.
    Connected(Option<Request>),
    Message { data: Vec<u8>, text: bool },
    /// Connecting failed; `Disconnected` follows.
    Error { message: String, response: Option<HandshakeResponse> },
    /// The last event of every connection.
    Disconnected { code: u16, reason: String },
}

/// The upgrade request of a connection accepted by the server.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// Which `listen` accepted it.
    pub listener: u64,
    pub method: String,
    /// Path and query.
    pub resource: String,
    /// Names in lower case, repeated headers joined with ", ".
    pub headers: Vec<(String, String)>,
    /// The client's address.
    pub peer: SocketAddr,
}

/// The answer of a server that refused the websocket handshake.
#[derive(Debug, Clone, PartialEq)]
pub struct HandshakeResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// Many producers (connection tasks), one consumer (the host thread), which blocks on a condition
/// variable while the queue is empty: no polling, so an idle host uses no CPU.
#[derive(Default)]
pub(crate) struct EventQueue {
    state: Mutex<QueueState>,
    ready: Condvar,
}

#[derive(Default)]
struct QueueState {
    events: VecDeque<Event>,
    interrupted: bool,
}

impl EventQueue {
    pub fn push(&self, event: Event) {
        self.lock().events.push_back(event);
        self.ready.notify_one();
    }

    pub fn len(&self) -> usize {
        self.lock().events.len()
    }

    /// Wakes a waiting [`Self::pop`] without an event (e.g. on a signal).
    pub fn interrupt(&self) {
        self.lock().interrupted = true;
        self.ready.notify_one();
    }

    /// The next event; waits up to `timeout` (forever if `None`) for one to arrive. Returns
    /// `None` on timeout or interruption.
    pub fn pop(&self, timeout: Option<Duration>) -> Option<Event> {
        let deadline = timeout.map(|t| Instant::now() + t);
        let mut state = self.lock();
        loop {
            if let Some(event) = state.events.pop_front() {
                return Some(event);
            }
            if std::mem::take(&mut state.interrupted) {
                return None;
            }
            state = match deadline {
                None => self.ready.wait(state).unwrap_or_else(|e| e.into_inner()),
                Some(deadline) => {
                    let left = deadline.checked_duration_since(Instant::now())?;
                    self.ready.wait_timeout(state, left).unwrap_or_else(|e| e.into_inner()).0
                }
            };
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, QueueState> {
        // A panic elsewhere while holding the lock leaves a queue that is still consistent.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}
