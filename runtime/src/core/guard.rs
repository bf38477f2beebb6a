//! A connection task's promise of its last event.

use crate::core::event::{ConnId, EventKind};
use crate::core::registry::Registry;
use std::sync::Arc;

/// Held by the task that drives a connection: [`Self::disconnected`] reports its end. Dropped
/// without that (the task panicked, or a bug ended it early), it reports `Disconnected` with
/// 1011 instead, so the host never waits for a connection that is gone.
pub(crate) struct DisconnectGuard {
    pub registry: Arc<Registry>,
    pub id: ConnId,
    reported: bool,
}

/// The reason of a connection whose task ended without reporting.
pub(crate) const TASK_FAILED: &str = "internal error: the connection's task ended unexpectedly";

impl DisconnectGuard {
    pub fn new(registry: Arc<Registry>, id: ConnId) -> DisconnectGuard {
        DisconnectGuard { registry, id, reported: false }
    }

    /// The connection's last event.
    pub fn disconnected(&mut self, code: u16, reason: String) {
        if !std::mem::replace(&mut self.reported, true) {
            self.registry.push(self.id, EventKind::Disconnected { code, reason });
        }
    }
}

impl Drop for DisconnectGuard {
    fn drop(&mut self) {
        if !self.reported {
            log::error!("connection {}: {TASK_FAILED}", self.id);
            self.registry.end_task(self.id);
            self.disconnected(1011, TASK_FAILED.into());
        }
    }
}
