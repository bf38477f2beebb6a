//! What joins the host's calls to a connection's task: the commands the task is given, in
//! order, a close that bypasses them, and the figures both keep. It is one small allocation,
//! shared by the registry's entry and the task, and an idle connection's queue holds no memory
//! (channels would keep kilobytes per connection that had sent anything; docs/performance.md).

use crate::config::{EVENT_COST, MAX_UNDELIVERED};
use crate::core::lock::lock;
use async_tungstenite::tungstenite::protocol::CloseFrame;
use async_tungstenite::tungstenite::Message as Frame;
use std::collections::VecDeque;
use std::future::poll_fn;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::task::{Context, Poll, Waker};

/// What a connection task is asked to do, in order.
pub(crate) enum Command {
    Send(Frame),
    Ping,
    Close(CloseFrame),
}

/// What a connection has done, counted by its task (and `send`) and read by `stats`.
#[derive(Default)]
pub(crate) struct Counters {
    /// Bytes sent by the host and not yet written.
    pub queued: AtomicUsize,
    pub bytes_sent: AtomicU64,
    pub messages_sent: AtomicU64,
    pub bytes_received: AtomicU64,
    pub messages_received: AtomicU64,
    /// The last ping's round trip in nanoseconds; 0 before the first.
    pub rtt_nanos: AtomicU64,
    /// The queue has held `drain_threshold` bytes since it was last empty: the writer reports
    /// `Drain` when it empties.
    pub drain_due: AtomicBool,
}

/// Adds to a counter only the connection's task writes (`stats` reads it): a load and a store,
/// where `fetch_add` is a locked instruction, paid twice per message.
pub(crate) fn count(counter: &AtomicU64, n: u64) {
    counter.store(counter.load(Ordering::Relaxed) + n, Ordering::Relaxed);
}

#[derive(Default)]
pub(crate) struct Link {
    state: Mutex<State>,
    pub counters: Counters,
    /// Bytes of messages the task has reported ([`cost`]), and what the host has taken of
    /// them, as it last told ([`Link::taken`]).
    received: AtomicUsize,
    taken: AtomicUsize,
    /// The task waits for room ([`Link::received`]).
    waiting: AtomicBool,
}

/// What a received message of `len` bytes counts for while it waits for the host.
pub(crate) fn cost(len: usize) -> usize {
    len + EVENT_COST
}

/// How much more the host takes before it tells a connection's task ([`Link::taken`]).
pub(crate) const TELL_TAKEN: usize = MAX_UNDELIVERED / 8;

#[derive(Default)]
struct State {
    commands: Commands,
    /// A close that goes before the queued commands (the queue overflowed).
    abort: Option<CloseFrame>,
    /// The task, waiting for a command and for an abort.
    next_waker: Option<Waker>,
    abort_waker: Option<Waker>,
    /// The task, waiting for the host to take what it received.
    room_waker: Option<Waker>,
    /// The task has ended: what comes now is dropped.
    ended: bool,
}

impl Link {
    /// Queues a command for the task.
    pub fn push(&self, command: Command) {
        let mut state = lock(&self.state);
        if state.ended {
            return;
        }
        state.commands.push(command);
        let waker = state.next_waker.take();
        drop(state);
        if let Some(waker) = waker {
            waker.wake();
        }
    }

    /// Has the task close with `frame` at once; a second abort before it is taken is dropped.
    pub fn abort(&self, frame: CloseFrame) {
        let mut state = lock(&self.state);
        if state.ended || state.abort.is_some() {
            return;
        }
        state.abort = Some(frame);
        let waker = state.abort_waker.take();
        drop(state);
        if let Some(waker) = waker {
            waker.wake();
        }
    }

    /// Has the task look again at everything it waits for (its socket too), as if woken.
    pub fn poke(&self) {
        let waker = lock(&self.state).abort_waker.clone();
        if let Some(waker) = waker {
            waker.wake();
        }
    }

    /// The next command, when there is one.
    pub async fn next(&self) -> Command {
        poll_fn(|cx| {
            let mut state = lock(&self.state);
            match state.commands.pop() {
                Some(command) => Poll::Ready(command),
                None => register(&mut state.next_waker, cx),
            }
        })
        .await
    }

    pub fn is_empty(&self) -> bool {
        lock(&self.state).commands.is_empty()
    }

    /// The abort's close frame, when there is one.
    pub async fn aborted(&self) -> CloseFrame {
        poll_fn(|cx| {
            let mut state = lock(&self.state);
            match state.abort.take() {
                Some(frame) => Poll::Ready(frame),
                None => register(&mut state.abort_waker, cx),
            }
        })
        .await
    }

    /// Counts a received message of `len` bytes the task is about to report; it waits first
    /// while the host has [`MAX_UNDELIVERED`] bytes of this connection to take, until it has
    /// taken half.
    pub async fn received(&self, len: usize) {
        let received = self.received.load(Ordering::Relaxed);
        if received - self.taken.load(Ordering::SeqCst) >= MAX_UNDELIVERED {
            poll_fn(|cx| {
                let mut state = lock(&self.state);
                let waiting = register(&mut state.room_waker, cx);
                // Looked at after saying it waits: a `taken` after the look sees that.
                self.waiting.store(true, Ordering::SeqCst);
                if received - self.taken.load(Ordering::SeqCst) < MAX_UNDELIVERED / 2 {
                    self.waiting.store(false, Ordering::Relaxed);
                    state.room_waker = None;
                    return Poll::Ready(());
                }
                waiting
            })
            .await;
        }
        self.received.store(received + cost(len), Ordering::Release);
    }

    /// The host has taken `total` of the bytes [`Self::received`] counted, with the cost of
    /// each message ([`cost`]); wakes the task when that leaves it room. Told now and then
    /// ([`TELL_TAKEN`]), not per message: a count both threads changed for every message would
    /// move its cache line between their cores each time.
    pub fn taken(&self, total: usize) {
        self.taken.store(total, Ordering::SeqCst);
        if self.waiting.load(Ordering::SeqCst) && self.received.load(Ordering::Acquire) - total < MAX_UNDELIVERED / 2 {
            self.waiting.store(false, Ordering::Relaxed);
            let waker = lock(&self.state).room_waker.take();
            if let Some(waker) = waker {
                waker.wake();
            }
        }
    }

    /// Much of what the peer sent waits for the host: the peer is not silent, however long ago
    /// the task last read from it.
    pub fn backlogged(&self) -> bool {
        // The host's count first: it never passes the task's, which only grows.
        let taken = self.taken.load(Ordering::Acquire);
        self.received.load(Ordering::Acquire) - taken >= MAX_UNDELIVERED / 2
    }

    /// The task has ended: the commands it did not take, and any that come, are dropped.
    pub fn end(&self) {
        let mut state = lock(&self.state);
        state.ended = true;
        state.commands = Commands::default();
        state.abort = None;
    }

    /// Whether [`Self::end`] was called: the task is closing the connection, or has.
    pub fn has_ended(&self) -> bool {
        lock(&self.state).ended
    }
}

/// The queue of commands. The first waits in a slot of its own: a connection given one command at
/// a time (an echo, a chat) allocates nothing per command, where a queue freed whenever it
/// empties allocated and freed its buffer for each. The others wait behind it, in a buffer
/// freed when it empties, so an idle connection's queue holds no memory.
#[derive(Default)]
struct Commands {
    first: Option<Command>,
    rest: VecDeque<Command>,
}

impl Commands {
    fn push(&mut self, command: Command) {
        // The slot is filled only while the buffer is empty: it always holds the oldest.
        if self.first.is_none() && self.rest.is_empty() {
            self.first = Some(command);
        } else {
            self.rest.push_back(command);
        }
    }

    fn pop(&mut self) -> Option<Command> {
        let command = self.first.take().or_else(|| self.rest.pop_front());
        if self.rest.is_empty() {
            self.rest = VecDeque::new();
        }
        command
    }

    fn is_empty(&self) -> bool {
        self.first.is_none() && self.rest.is_empty()
    }
}

fn register<T>(slot: &mut Option<Waker>, cx: &Context<'_>) -> Poll<T> {
    match slot {
        Some(waker) if waker.will_wake(cx.waker()) => {}
        _ => *slot = Some(cx.waker().clone()),
    }
    Poll::Pending
}

#[cfg(test)]
mod tests {
    use super::{Command, Link};
    use async_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
    use async_tungstenite::tungstenite::protocol::CloseFrame;
    use futures::FutureExt;

    fn close(code: u16) -> CloseFrame {
        CloseFrame { code: CloseCode::from(code), reason: "".into() }
    }

    #[test]
    fn commands_come_in_order_and_an_idle_queue_holds_no_memory() {
        let link = Link::default();
        assert!(link.next().now_or_never().is_none());
        link.push(Command::Ping);
        link.push(Command::Close(close(1000)));
        assert!(matches!(link.next().now_or_never(), Some(Command::Ping)));
        assert!(!link.is_empty());
        assert!(matches!(link.next().now_or_never(), Some(Command::Close(f)) if f.code == CloseCode::Normal));
        assert!(link.is_empty());
        assert_eq!(super::lock(&link.state).commands.rest.capacity(), 0);
    }

    #[test]
    fn a_command_queued_while_the_first_waits_in_its_slot_comes_after_those_before_it() {
        let link = Link::default();
        let next = || match link.next().now_or_never() {
            Some(Command::Close(frame)) => u16::from(frame.code),
            _ => panic!("expected a close command"),
        };
        link.push(Command::Close(close(1000)));
        link.push(Command::Close(close(1001)));
        assert_eq!(next(), 1000);
        link.push(Command::Close(close(1002)));
        assert_eq!((next(), next()), (1001, 1002));
        link.push(Command::Close(close(1003)));
        assert_eq!(next(), 1003);
        assert!(link.is_empty());
    }

    #[test]
    fn a_waiting_task_is_woken_by_a_command_and_by_an_abort() {
        let link = Link::default();
        futures::executor::block_on(async {
            let (command, ()) = futures::join!(link.next(), async { link.push(Command::Ping) });
            assert!(matches!(command, Command::Ping));
            let (frame, ()) = futures::join!(link.aborted(), async {
                link.abort(close(1008));
                link.abort(close(1011));
            });
            assert_eq!(frame.code, CloseCode::Policy);
        });
        assert!(link.aborted().now_or_never().is_none(), "the second abort was kept");
    }

    #[test]
    fn after_the_end_nothing_is_kept() {
        let link = Link::default();
        link.push(Command::Ping);
        link.end();
        link.push(Command::Ping);
        link.abort(close(1008));
        assert!(link.is_empty());
        assert!(link.aborted().now_or_never().is_none());
    }
}
