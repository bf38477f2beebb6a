//! Where the engine's tasks run: one executor, run by its own threads (one per core) and, while
//! it waits for an event, by the host's thread too (see the event queue's `wait`).
//!
//! The thread that polls the sockets (the reactor) is the one that runs the tasks they wake, if
//! it is free. A host thread that waits registers a timer, which interrupts the thread polling
//! at that moment, and so becomes the poller itself: a message that arrives while the host waits
//! is read, reported and answered on the host's thread, with no hand-over between threads on
//! the way in or out. When the host is busy, the other threads poll and do the work.
//!
//! async-std's own executor (async-executor) and reactor (async-io), used directly: async-std
//! runs its tasks on threads of its own that another thread cannot join.

use async_executor::Executor;
use futures::FutureExt;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::OnceLock;

pub(crate) use async_executor::Task;

static EXECUTOR: Executor<'static> = Executor::new();
static THREADS: OnceLock<()> = OnceLock::new();

/// Runs `task` on the engine's executor; dropping the handle cancels it, `detach` lets it run to
/// its end. A task that panics ends there, logged: the host's thread runs tasks too, and no
/// panic may reach the host.
pub(crate) fn spawn(task: impl Future<Output = ()> + Send + 'static) -> Task<()> {
    THREADS.get_or_init(start_threads);
    // Combinators, not an async block: one that moved `task` into the awaited future would hold
    // it twice, doubling every connection's task.
    EXECUTOR.spawn(AssertUnwindSafe(task).catch_unwind().map(|ended| {
        if let Err(panic) = ended {
            let what = panic.downcast_ref::<&str>().copied().or(panic.downcast_ref::<String>().map(String::as_str));
            log::error!("an engine task panicked: {}", what.unwrap_or("(no message)"));
        }
    }))
}

fn start_threads() {
    let count = std::thread::available_parallelism().map_or(1, |n| n.get());
    for i in 0..count {
        let started = std::thread::Builder::new()
            .name(format!("wslua-io-{i}"))
            .spawn(|| block_on(EXECUTOR.run(std::future::pending::<()>())));
        // Without threads of its own the executor still runs while the host waits.
        if let Err(e) = started {
            log::error!("cannot start an engine thread: {e}");
        }
    }
}

/// Runs one of the engine's tasks on this thread, once one is ready.
pub(crate) async fn tick() {
    EXECUTOR.tick().await
}

/// Blocks this thread until `future` completes, polling the sockets meanwhile when no other
/// thread does.
pub(crate) fn block_on<T>(future: impl Future<Output = T>) -> T {
    async_io::block_on(future)
}
