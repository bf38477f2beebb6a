//! Both directions' limits on what waits: the send queue (past `max_send_queue` the connection
//! closes with 1008; past its drain threshold an emptied queue is reported), and the credit the
//! host gives a connection's reader as it takes its messages.

use crate::core::event::ConnId;
use crate::core::link::{Command, Link, TELL_TAKEN};
use async_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use async_tungstenite::tungstenite::protocol::CloseFrame;
use async_tungstenite::tungstenite::Message as Frame;
use std::sync::atomic::Ordering;

/// What the host has taken of a connection's messages ([`crate::core::link::cost`]), and what
/// it last told the connection's task of it.
#[derive(Default)]
pub(crate) struct Credit {
    taken: usize,
    told: usize,
}

impl Credit {
    /// The host took `bytes` more; the task is told once enough has gathered.
    pub fn take(&mut self, bytes: usize, link: &Link) {
        self.taken += bytes;
        if self.taken - self.told >= TELL_TAKEN {
            link.taken(self.taken);
            self.told = self.taken;
        }
    }
}

/// Queues `frame` on a connection's `link`, or closes it with 1008 when that would take its
/// queue past `limit` (`Err`). Returns the bytes queued after.
pub(crate) fn queue(
    conn: ConnId,
    link: &Link,
    drain_threshold: usize,
    frame: Frame,
    limit: usize,
) -> Result<usize, usize> {
    let size = data_len(&frame);
    let counters = &link.counters;
    let queued = counters.queued.fetch_add(size, Ordering::SeqCst) + size;
    if queued > limit {
        let reason = format!("send queue over {limit} bytes: the peer is not reading");
        log::info!("connection {conn}: {reason}");
        link.abort(CloseFrame { code: CloseCode::Policy, reason: reason.into() });
        return Err(queued);
    }
    if drain_threshold > 0 && queued >= drain_threshold {
        counters.drain_due.store(true, Ordering::SeqCst);
    }
    // Dropped when the task has ended (its Disconnected event is queued).
    link.push(Command::Send(frame));
    Ok(queued)
}

/// The payload size of a data message, as the send queue counts it.
pub(crate) fn data_len(message: &Frame) -> usize {
    match message {
        Frame::Text(text) => text.len(),
        Frame::Binary(data) => data.len(),
        _ => 0,
    }
}
