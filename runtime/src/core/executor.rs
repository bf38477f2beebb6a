//! Where the engine's tasks run: network threads of their own (one per core) and the host's
//! thread, which is given first the tasks that become ready while it waits for an event, and
//! the first task its own calls wake while it handles events ([`Batch`]).
//!
//! So a message that arrives while the host waits is read, reported, handled and answered on
//! the host's thread, without waking another thread on the way in or out. Other tasks go to the
//! network threads, so both cores work where many connections are busy.
//!
//! Which thread polls the sockets (async-io's reactor) decides where the tasks they wake are
//! woken. A host loop ([`host_loop`], the runner) polls them whenever it waits, and the network
//! threads then leave them to it (they would otherwise keep them, as async-io lets whichever
//! waiting thread holds its lock keep it). A host that only comes back now and then (the
//! module's `update`) cannot poll them in between, so then the network threads do.
//!
//! async-task and async-io are the parts async-std's own executor is made of, used directly:
//! async-std runs its tasks on threads of its own that another thread cannot join, and
//! async-executor hands a woken task to whichever thread slept last.

use async_task::Runnable;
use concurrent_queue::ConcurrentQueue;
use event_listener::{Event, EventListener, Listener};
use futures::FutureExt;
use std::cell::Cell;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::pin;
use std::sync::atomic::{fence, AtomicUsize, Ordering};
use std::sync::{LazyLock, OnceLock};
use std::task::{Context, Poll, Waker};

pub(crate) use async_task::Task;

struct Pool {
    ready: ConcurrentQueue<Runnable>,
    /// Wakes a network thread.
    work: Event,
    /// Wakes the host's wait.
    host: Event,
    /// How many hosts' threads wait for an event, running tasks meanwhile. The pool is the
    /// process's, shared by every `Runtime` in it: a task any of them wakes is run by whichever
    /// waiting host or network thread takes it first, and queues its events on its own runtime.
    hosting: AtomicUsize,
    /// How many host loops run, each polling the sockets whenever it waits ([`host_loop`]).
    host_loops: AtomicUsize,
}

static POOL: LazyLock<Pool> = LazyLock::new(|| Pool {
    ready: ConcurrentQueue::unbounded(),
    work: Event::new(),
    host: Event::new(),
    hosting: AtomicUsize::new(0),
    host_loops: AtomicUsize::new(0),
});
static THREADS: OnceLock<()> = OnceLock::new();

/// Runs `task` on the engine's threads; dropping the handle cancels it, `detach` lets it run to
/// its end. A task that panics ends there, logged: the host's thread runs tasks too, and no
/// panic may reach the host.
pub(crate) fn spawn(task: impl Future<Output = ()> + Send + 'static) -> Task<()> {
    THREADS.get_or_init(start_threads);
    // Combinators, not an async block: one that moved `task` into the awaited future would hold
    // it twice, doubling every connection's task.
    let task = AssertUnwindSafe(task).catch_unwind().map(|ended| {
        if let Err(panic) = ended {
            let what = panic.downcast_ref::<&str>().copied().or(panic.downcast_ref::<String>().map(String::as_str));
            log::error!("an engine task panicked: {}", what.unwrap_or("(no message)"));
        }
    });
    let (runnable, task) = async_task::spawn(task, schedule);
    runnable.schedule();
    task
}

thread_local! {
    /// On the host's thread while it handles a batch of events: how many tasks its calls woke.
    static BATCH: Cell<Option<usize>> = const { Cell::new(None) };
    /// On a network thread while it runs a task.
    static RUNNING: Cell<bool> = const { Cell::new(false) };
}

/// Queues a woken task and wakes the host if it waits, else a network thread; the first task
/// the host's own calls wake in a batch is left for the host ([`Batch`]), and a task a network
/// thread's task wakes while no other is ready is left for that thread.
fn schedule(runnable: Runnable) {
    let pool = &*POOL;
    // Unbounded and never closed: the push cannot fail.
    let _ = pool.ready.push(runnable);
    // Paired with the fence in `Hosting::drop`: a host leaving its wait sees this task, or this
    // sees the host gone.
    fence(Ordering::SeqCst);
    if pool.hosting.load(Ordering::Relaxed) > 0 {
        pool.host.notify(1);
        return;
    }
    let held = BATCH.with(|batch| {
        let woken = batch.get()?;
        batch.set(Some(woken + 1));
        Some(woken == 0)
    });
    // The one task a network thread's task wakes (itself, when it yields) is that thread's to
    // run next: waking another for it moved a busy connection between the threads, each
    // wake-up a thread more for the cores to share.
    let alone = || RUNNING.get() && pool.ready.len() == 1;
    if held != Some(true) && !alone() {
        pool.work.notify(1);
    }
}

/// The host handling a batch of events on this thread, while it lives. The first task its
/// calls wake (a `send` wakes the connection's task to write) wakes no network thread: the host
/// runs it when the batch ends, which saves a thread's wake-up per message where one is handled
/// at a time. A second one wakes the network threads, so a busy host hands the writing over.
/// A callback may handle events itself (`update` from a callback): the batch it interrupts
/// goes on counting when it ends.
pub struct Batch {
    outer: Option<usize>,
}

impl Batch {
    pub(crate) fn start() -> Batch {
        Batch { outer: BATCH.replace(Some(0)) }
    }
}

impl Drop for Batch {
    fn drop(&mut self) {
        if BATCH.replace(self.outer) == Some(1) {
            if let Some(runnable) = next() {
                runnable.run();
            }
        }
    }
}

/// The next ready task, waking a network thread for any left after it.
fn next() -> Option<Runnable> {
    let pool = &*POOL;
    let runnable = pool.ready.pop().ok()?;
    if !pool.ready.is_empty() {
        pool.work.notify(1);
    }
    Some(runnable)
}

fn start_threads() {
    let count = std::thread::available_parallelism().map_or(1, |n| n.get());
    for i in 0..count {
        let started = std::thread::Builder::new().name(format!("wslua-io-{i}")).spawn(work);
        // Without threads of its own the engine still runs while the host waits.
        if let Err(e) = started {
            log::error!("cannot start an engine thread: {e}");
        }
    }
}

/// A network thread: runs ready tasks, sleeps while there are none. While no host loop runs
/// (a host that comes back to wait now and then, like the module's `update`) it polls the
/// sockets as it sleeps, so they are polled while the host is away; while one runs, it leaves
/// them to the host.
fn work() {
    let pool = &*POOL;
    loop {
        if pool.host_loops.load(Ordering::Relaxed) > 0 {
            if let Some(listener) = run_ready() {
                listener.wait();
            }
        } else {
            // One `block_on` for as long as no host loop runs: leaving one hands the polling
            // to async-io's own thread, which lets it go between its naps.
            block_on(async {
                while pool.host_loops.load(Ordering::Relaxed) == 0 {
                    if let Some(listener) = run_ready() {
                        listener.await;
                    }
                }
            });
        }
    }
}

/// Runs the ready tasks; then something to sleep on until more are, unless more already are.
fn run_ready() -> Option<EventListener> {
    while let Some(runnable) = next() {
        RUNNING.set(true);
        runnable.run();
        RUNNING.set(false);
    }
    // Listening before looking: a task queued after the look wakes the listener.
    let listener = POOL.work.listen();
    POOL.ready.is_empty().then_some(listener)
}

/// Runs a host's loop on this thread (see [`crate::Runtime::host_loop`]).
pub(crate) fn host_loop<T>(host_loop: impl Future<Output = T>) -> T {
    struct Running;
    impl Drop for Running {
        fn drop(&mut self) {
            POOL.host_loops.fetch_sub(1, Ordering::Relaxed);
        }
    }
    POOL.host_loops.fetch_add(1, Ordering::Relaxed);
    let _running = Running;
    block_on(host_loop)
}

/// Marks the host's thread as waiting for an event while it lives: the tasks woken meanwhile
/// are the host's to run ([`tick`]).
pub(crate) struct Hosting(());

impl Hosting {
    pub(crate) fn start() -> Hosting {
        POOL.hosting.fetch_add(1, Ordering::Relaxed);
        Hosting(())
    }
}

impl Drop for Hosting {
    fn drop(&mut self) {
        let pool = &*POOL;
        pool.hosting.fetch_sub(1, Ordering::Relaxed);
        fence(Ordering::SeqCst);
        // What was queued for the host and not run goes to the network threads.
        if !pool.ready.is_empty() {
            pool.work.notify(1);
        }
    }
}

/// Runs on this thread the tasks `wake` makes ready, and any others ready by then, once each:
/// the host, told by its descriptor that sockets have data, reads them itself. What is ready
/// again after its turn is left to the network threads.
pub(crate) fn run_here(wake: impl FnOnce()) {
    let pool = &*POOL;
    // Hosting, so the tasks woken are left for this thread.
    let _hosting = Hosting::start();
    react_once();
    wake();
    for _ in 0..pool.ready.len() {
        let Ok(runnable) = pool.ready.pop() else { break };
        runnable.run();
    }
}

/// Polls the sockets once on this thread, without waiting, unless another thread polls them.
fn react_once() {
    let mut woken = false;
    // async-io's block_on polls the sockets without waiting when the future it runs has woken
    // itself, and it does so before polling it again.
    async_io::block_on(std::future::poll_fn(|cx| {
        if std::mem::replace(&mut woken, true) {
            return Poll::Ready(());
        }
        cx.waker().wake_by_ref();
        Poll::Pending
    }));
}

/// Runs one of the engine's tasks on this thread, once one is ready.
pub(crate) async fn tick() {
    let pool = &*POOL;
    loop {
        if let Some(runnable) = next() {
            runnable.run();
            return;
        }
        let listener = pool.host.listen();
        if pool.ready.is_empty() {
            listener.await;
        }
    }
}

/// Runs a host's step that does not wait (the module's `update(0)`) on this thread, without
/// async-io's `block_on`, which wakes async-io's thread each time it returns: a program that
/// calls `update(0)` for every message its loop sees would wake a thread, on another core,
/// for each. A step that does wait after all is given to [`block_on`].
pub(crate) fn now<T>(future: impl Future<Output = T>) -> T {
    let mut future = pin!(future);
    match future.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(done) => done,
        Poll::Pending => block_on(future),
    }
}

/// Blocks this thread until `future` completes, polling the sockets meanwhile when no other
/// thread does.
pub(crate) fn block_on<T>(future: impl Future<Output = T>) -> T {
    // A host that blocks in a batch (stopping a server from a callback waits for its tasks)
    // holds no task for the batch's end: the one held may be what this waits for.
    let held = BATCH.with(|batch| {
        let woken = batch.get();
        batch.set(woken.map(|_| 2));
        woken == Some(1)
    });
    if held {
        POOL.work.notify(1);
    }
    async_io::block_on(future)
}
