//! Gives the memory a burst of connections used back to the system once the burst is over.
//!
//! glibc's malloc keeps freed memory in its arenas for reuse and returns it only from the top of
//! each heap, past a threshold (which the runner raises to 16 MiB, so that echoing big messages
//! does not fault pages back in for each): after a burst, RSS stays near the burst's height
//! though the memory is free. When the open connections have fallen to half of the most there
//! were since the last trim, `malloc_trim` returns every whole free page of every arena: a
//! second later, so that one trim follows a burst's whole fall, and on a thread of its own, as it
//! walks every arena holding each one's lock.

/// Fewer connections than this hold too little to be worth a walk through the arenas.
const BURST: usize = 32;

/// How long a fall is left to settle before the trim.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const SETTLE: std::time::Duration = std::time::Duration::from_secs(1);

/// The most connections open at once since the last trim.
#[derive(Default)]
pub(crate) struct Burst {
    most: usize,
}

impl Burst {
    /// A connection opened; `open` are open now.
    pub fn opened(&mut self, open: usize) {
        self.most = self.most.max(open);
    }

    /// A connection closed; `open` are open now. True when a trim is due.
    pub fn closed(&mut self, open: usize) -> bool {
        let due = self.most >= BURST && open <= self.most / 2;
        if due {
            self.most = open;
        }
        due
    }
}

/// Gives free memory back once the fall has settled; a trim already waiting to run covers this one.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub(crate) fn soon() {
    use std::sync::atomic::{AtomicBool, Ordering};
    static WAITING: AtomicBool = AtomicBool::new(false);
    if WAITING.swap(true, Ordering::AcqRel) {
        return;
    }
    let started = std::thread::Builder::new().name("wslua-trim".into()).spawn(|| {
        std::thread::sleep(SETTLE);
        // Cleared first: memory freed during the walk is for the next trim.
        WAITING.store(false, Ordering::Release);
        // SAFETY: malloc_trim only returns free pages; it takes each arena's lock itself.
        unsafe { libc::malloc_trim(0) };
    });
    if started.is_err() {
        WAITING.store(false, Ordering::Release);
    }
}

/// Other allocators give memory back by their own rules.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub(crate) fn soon() {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trim_is_due_each_time_a_burst_has_halved_and_not_for_a_few_connections() {
        let mut burst = Burst::default();
        for open in 1..=100 {
            burst.opened(open);
        }
        // Churn near the top is no fall.
        assert!(!burst.closed(99));
        burst.opened(100);
        assert_eq!((51..100).rev().filter(|&open| burst.closed(open)).count(), 0);
        assert!(burst.closed(50));
        // The next is due at half of what was open at the last one.
        assert!(!burst.closed(26));
        assert!(burst.closed(25));
        // Under BURST connections, never.
        assert!((0..25).rev().all(|open| !burst.closed(open)));
        for open in 1..BURST {
            burst.opened(open);
        }
        assert!(!burst.closed(0));
    }
}
