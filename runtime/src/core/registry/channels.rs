//! Who subscribes to which channel in this process: connections, and the host (for its Lua
//! subscribers). Only the bookkeeping; the registry keeps it under its lock and delivers.

use crate::core::event::ConnId;
use std::collections::{HashMap, HashSet};

#[derive(Default)]
struct Subscribers {
    conns: HashSet<ConnId>,
    host: bool,
}

impl Subscribers {
    fn is_empty(&self) -> bool {
        self.conns.is_empty() && !self.host
    }
}

#[derive(Default)]
pub(crate) struct Channels {
    by_name: HashMap<Vec<u8>, Subscribers>,
    /// Each subscribed connection's channels, so it leaves them all when it closes.
    of_conn: HashMap<ConnId, HashSet<Vec<u8>>>,
}

impl Channels {
    /// Adds `conn` to `channel`; true when the channel had no subscriber here before.
    pub fn subscribe(&mut self, conn: ConnId, channel: &[u8]) -> bool {
        self.of_conn.entry(conn).or_default().insert(channel.to_vec());
        self.change(channel, |s| {
            s.conns.insert(conn);
        })
    }

    /// Removes `conn` from `channel`; true when that left the channel without subscribers here.
    pub fn unsubscribe(&mut self, conn: ConnId, channel: &[u8]) -> bool {
        if let Some(channels) = self.of_conn.get_mut(&conn) {
            channels.remove(channel);
            if channels.is_empty() {
                self.of_conn.remove(&conn);
            }
        }
        self.change(channel, |s| {
            s.conns.remove(&conn);
        })
    }

    /// Removes `conn` from all its channels; true when that left one without subscribers.
    pub fn leave(&mut self, conn: ConnId) -> bool {
        let channels = self.of_conn.remove(&conn).unwrap_or_default();
        let mut emptied = false;
        for channel in channels {
            emptied |= self.change(&channel, |s| {
                s.conns.remove(&conn);
            });
        }
        emptied
    }

    /// Whether the host takes `channel`'s messages; true when the channel gained its first or
    /// lost its last subscriber here.
    pub fn set_host(&mut self, channel: &[u8], host: bool) -> bool {
        self.change(channel, |s| s.host = host)
    }

    /// The connections subscribed to `channel`, and whether the host is.
    pub fn subscribers(&self, channel: &[u8]) -> (impl Iterator<Item = &ConnId>, bool) {
        let subscribers = self.by_name.get(channel);
        (subscribers.into_iter().flat_map(|s| s.conns.iter()), subscribers.is_some_and(|s| s.host))
    }

    /// The channels with a subscriber here.
    pub fn names(&self) -> Vec<Vec<u8>> {
        self.by_name.keys().cloned().collect()
    }

    /// Applies `change` to `channel`'s subscribers; true when the channel went from none to
    /// some, or from some to none.
    fn change(&mut self, channel: &[u8], change: impl FnOnce(&mut Subscribers)) -> bool {
        let existed = self.by_name.contains_key(channel);
        let subscribers = self.by_name.entry(channel.to_vec()).or_default();
        change(subscribers);
        if subscribers.is_empty() {
            self.by_name.remove(channel);
            return existed;
        }
        !existed
    }
}

#[cfg(test)]
mod tests {
    use super::Channels;

    #[test]
    fn tells_when_a_channel_gains_its_first_and_loses_its_last_subscriber() {
        let mut channels = Channels::default();
        assert!(channels.subscribe(1, b"a"));
        assert!(!channels.subscribe(2, b"a"));
        assert!(!channels.subscribe(2, b"a"), "twice is once");
        assert!(channels.subscribe(2, b"b"));
        assert!(!channels.set_host(b"a", true));
        assert!(!channels.unsubscribe(1, b"a"));
        assert!(channels.leave(2), "b lost its last subscriber (a still has the host)");
        assert_eq!(channels.names(), [b"a".to_vec()]);
        let (conns, host) = channels.subscribers(b"a");
        assert_eq!((conns.count(), host), (0, true));
        assert!(channels.set_host(b"a", false));
        assert!(channels.names().is_empty());
        assert!(!channels.unsubscribe(9, b"never"), "nothing to leave");
        assert!(channels.names().is_empty());
    }
}
