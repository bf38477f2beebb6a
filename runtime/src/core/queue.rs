//! The queue that carries events from the connection tasks to the host's thread, and the host's
//! wait on it.

use crate::core::event::{ConnId, Event, EventKind};
use crate::core::executor;
use crate::core::lock::lock;
use crossbeam_utils::CachePadded;
use futures::future::{self, Either};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Many producers (connection tasks), one consumer (the host thread), which waits while the queue
/// is empty running the engine's tasks (see [`crate::core::executor`]): no polling, so an idle host
/// uses no CPU. Producers notify the consumer only when it waits, and the consumer takes
/// everything queued at once ([`Taken`]), so a busy queue costs neither a wake-up nor a lock
/// handover per event.
///
/// The producers' end is on cache lines of its own: sharing one with what the host reads, each
/// of the host's pops would wait for the line a network thread's push had just written.
#[derive(Default)]
pub(crate) struct EventQueue {
    incoming: CachePadded<Mutex<Incoming>>,
    ready: event_listener::Event,
    /// The descriptor a program's own loop waits on, once it has asked for it ([`Self::event_fd`]).
    #[cfg(unix)]
    signal: std::sync::OnceLock<crate::core::signal::Signal>,
}

#[derive(Default)]
struct Incoming {
    events: VecDeque<Event>,
    interrupted: bool,
    /// The consumer found the queue empty and may be waiting: the next push notifies it. Set and
    /// read under the lock, so a push either comes before the consumer looks or sees it wait.
    /// (A notification costs a fence and a lock even when no one listens.)
    waiting: bool,
    /// The signal is raised: set with the first event after the host took them all.
    signalled: bool,
}

impl EventQueue {
    pub fn push(&self, event: Event) {
        let mut incoming = lock(&self.incoming);
        incoming.events.push_back(event);
        #[cfg(unix)]
        if !incoming.signalled {
            if let Some(signal) = self.signal.get() {
                incoming.signalled = true;
                signal.raise();
            }
        }
        let waiting = std::mem::take(&mut incoming.waiting);
        drop(incoming);
        if waiting {
            self.ready.notify(1);
        }
    }

    pub fn len(&self) -> usize {
        lock(&self.incoming).events.len()
    }

    /// A descriptor that is readable while events wait for the host: raised with the first event
    /// after the host took them all, drained when it has taken them all again (by a
    /// [`Taken::pop`] that finds none); on Linux also readable when a watched socket has data
    /// ([`Self::watch`]). Made on the first call (then `true`); the same one after.
    #[cfg(unix)]
    pub fn event_fd(&self) -> std::io::Result<(std::os::fd::RawFd, bool)> {
        if let Some(signal) = self.signal.get() {
            return Ok((signal.fd(), false));
        }
        let made = crate::core::signal::Signal::new()?;
        let mut incoming = lock(&self.incoming);
        let signal = self.signal.get_or_init(|| made);
        if !incoming.events.is_empty() && !incoming.signalled {
            incoming.signalled = true;
            signal.raise();
        }
        Ok((signal.fd(), true))
    }

    #[cfg(not(unix))]
    pub fn event_fd(&self) -> std::io::Result<(i32, bool)> {
        Err(std::io::Error::new(std::io::ErrorKind::Unsupported, "event_fd needs a Unix system"))
    }

    /// Whether [`Self::event_fd`] has made the descriptor.
    pub fn has_event_fd(&self) -> bool {
        #[cfg(unix)]
        return self.signal.get().is_some();
        #[cfg(not(unix))]
        false
    }

    /// Has the descriptor, once made, tell `conn` when `socket` has something to read.
    pub fn watch(&self, socket: i32, conn: ConnId) {
        #[cfg(unix)]
        if let Some(signal) = self.signal.get() {
            signal.watch(socket, conn);
        }
        #[cfg(not(unix))]
        let _ = (socket, conn);
    }

    /// Adds to `ready` the connections whose sockets received something since they were last
    /// told (a bounded number at a time).
    pub fn ready(&self, ready: &mut Vec<ConnId>) {
        #[cfg(unix)]
        if let Some(signal) = self.signal.get() {
            signal.ready(ready);
        }
        #[cfg(not(unix))]
        let _ = ready;
    }

    /// The host has taken every event: the signal, if raised, is cleared (under the lock, so a
    /// push after this raises it again).
    fn drained(&self, incoming: &mut Incoming) {
        #[cfg(unix)]
        if std::mem::take(&mut incoming.signalled) {
            if let Some(signal) = self.signal.get() {
                signal.clear();
            }
        }
        #[cfg(not(unix))]
        let _ = incoming;
    }

    /// Wakes a waiting [`Self::arrival`] (e.g. on a signal).
    pub fn interrupt(&self) {
        lock(&self.incoming).interrupted = true;
        self.ready.notify(1);
    }

    /// Waits up to `timeout` (forever if `None`) for events to be queued, running the engine's
    /// tasks meanwhile (in the host's [`executor::block_on`]). `None` on timeout or
    /// interruption.
    pub async fn arrival(&self, timeout: Option<Duration>) -> Option<()> {
        // A timeout too long for the clock is no timeout.
        let deadline = timeout.and_then(|timeout| Instant::now().checked_add(timeout));
        if !self.check(timeout == Some(Duration::ZERO))? {
            self.wait(deadline).await?;
        }
        Some(())
    }

    /// `Some(true)` when events are queued, `None` when the wait is over without one (an
    /// interruption, or `give_up`), `Some(false)` to wait.
    fn check(&self, give_up: bool) -> Option<bool> {
        let mut incoming = lock(&self.incoming);
        incoming.waiting = incoming.events.is_empty();
        if !incoming.waiting {
            return Some(true);
        }
        // The host, having taken everything, finds nothing more.
        self.drained(&mut incoming);
        (!std::mem::take(&mut incoming.interrupted) && !give_up).then_some(false)
    }

    /// Until events are queued (`Some`), or an interruption or the deadline (`None`). Runs the
    /// engine's tasks meanwhile, one at a time, so an event one of them queues is taken at once.
    async fn wait(&self, deadline: Option<Instant>) -> Option<()> {
        let _hosting = executor::Hosting::start();
        // A timer even without a deadline: registering one interrupts the thread that polls
        // the sockets, which lets this one take the polling over while it waits (see
        // core/executor.rs), which saves the threads' hand-overs of every message.
        let mut timer = async_io::Timer::at(deadline.unwrap_or_else(|| Instant::now() + REARM));
        loop {
            // Listening before looking: a push after the look wakes the listener.
            let listener = self.ready.listen();
            if self.check(false)? {
                return Some(());
            }
            let task = std::pin::pin!(executor::tick());
            if let Either::Right(_) = future::select(future::select(listener, task), &mut timer).await {
                if deadline.is_some() {
                    return self.check(true).map(drop);
                }
                timer.set_after(REARM);
            }
        }
    }
}

/// The consumer's end of an [`EventQueue`]: the events the host took in its last batch and has
/// not popped yet. Only the host's thread has it, so a pop takes no lock.
#[derive(Default)]
pub(crate) struct Taken(RefCell<VecDeque<Event>>);

impl Taken {
    pub fn len(&self) -> usize {
        self.0.borrow().len()
    }

    /// The next event `queue` has, if any, without waiting (and without taking an
    /// interruption).
    pub fn pop(&self, queue: &EventQueue) -> Option<Event> {
        let mut taken = self.0.borrow_mut();
        if taken.is_empty() {
            let mut incoming = lock(&queue.incoming);
            // The swap hands the empty buffer back to the producers for reuse.
            std::mem::swap(&mut incoming.events, &mut *taken);
            if taken.is_empty() {
                queue.drained(&mut incoming);
            }
        }
        let event = taken.pop_front()?;
        // The events were written on another core. What the host reads next is asked for now,
        // to be in this core's cache after this event's callback: the payload of the next event
        // (whose place was asked for on the last call), and the place of the one after.
        if let Some(Event { kind: EventKind::Message(message), .. }) = taken.front() {
            prefetch(message.data.as_ptr());
        }
        if let Some(after) = taken.get(1) {
            let place: *const Event = after;
            prefetch(place.cast());
            prefetch(place.cast::<u8>().wrapping_add(size_of::<Event>() - 1));
        }
        Some(event)
    }
}

/// Starts loading the cache line at `address`, without waiting for it (nothing where the
/// processor has no such hint here).
fn prefetch(address: *const u8) {
    // SAFETY: a hint, which reads nothing and faults on no address; every x86_64 has SSE.
    #[cfg(target_arch = "x86_64")]
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(address.cast())
    };
    #[cfg(not(target_arch = "x86_64"))]
    let _ = address;
}

/// How often a wait without a deadline renews its timer.
const REARM: Duration = Duration::from_secs(86_400);
