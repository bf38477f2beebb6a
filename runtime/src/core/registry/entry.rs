//! One connection as the registry keeps it: the link to its task, what the host has seen of it,
//! and what `stats` reports besides the task's counters.

use crate::core::event::{ConnId, ListenerId};
use crate::core::link::{Command, Link};
use crate::core::registry::backpressure::{queue, Credit};
use async_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use async_tungstenite::tungstenite::protocol::CloseFrame;
use async_tungstenite::tungstenite::Message as Frame;
use std::sync::Arc;
use std::time::Instant;

/// A connection's state as the host has seen it: it changes when the host takes an event, so
/// `send` right after `EVENT_CONNECTED` works, and after `disconnect` fails, deterministically.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Visible {
    Connecting,
    Open,
    Closing,
}

pub(crate) struct Entry {
    pub link: Arc<Link>,
    /// What the host has taken of the connection's messages, and told its task.
    pub credit: Credit,
    pub visible: Visible,
    /// The `listen` that accepted it; `None` for client connections.
    pub listener: Option<ListenerId>,
    /// Queued bytes from which an emptied queue is reported (`Drain`); 0 never.
    pub drain_threshold: usize,
    /// When the host took its `Connected` event.
    pub connected_at: Option<Instant>,
    pub protocol: Option<String>,
    pub extensions: String,
    /// Its socket, once its task runs: what the event_fd descriptor watches.
    pub socket: Option<i32>,
}

impl Entry {
    pub fn new(link: Arc<Link>, listener: Option<ListenerId>, drain_threshold: usize) -> Entry {
        Entry {
            link,
            credit: Credit::default(),
            visible: Visible::Connecting,
            listener,
            drain_threshold,
            connected_at: None,
            protocol: None,
            extensions: String::new(),
            socket: None,
        }
    }

    /// Queues `frame` (see [`queue`]); a connection closed for its full queue is closing.
    pub fn queue(&mut self, conn: ConnId, frame: Frame, limit: usize) -> Result<usize, usize> {
        let queued = queue(conn, &self.link, self.drain_threshold, frame, limit);
        if queued.is_err() {
            self.visible = Visible::Closing;
        }
        queued
    }

    /// Asks the task to close with `code` and `reason` after what is queued; once only.
    pub fn close(&mut self, conn: ConnId, code: u16, reason: &str) {
        if self.visible == Visible::Closing {
            return;
        }
        self.visible = Visible::Closing;
        log::info!("connection {conn}: closing with {code} {reason:?}");
        let frame = CloseFrame { code: CloseCode::from(code), reason: reason.to_string().into() };
        self.link.push(Command::Close(frame));
    }
}
