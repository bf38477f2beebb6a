//! `timer.delay`, `cancel`, `trigger` and `get_info`: timers of the runner's loop. They fire on the Lua thread when
//! the loop reaches them; nothing here waits.

use mlua::Function;
use std::time::{Duration, Instant};

struct Timer {
    handle: i64,
    every: Duration,
    repeating: bool,
    callback: Function,
    /// When it last fired, or was started.
    since: Instant,
    due: Instant,
}

#[derive(Default)]
pub struct Timers {
    next_handle: i64,
    running: Vec<Timer>,
}

/// A timer that has come due: call `callback(self, handle, elapsed)`.
pub struct Fired {
    pub handle: i64,
    pub callback: Function,
    pub elapsed: f64,
}

impl Timers {
    /// Starts a timer; handles start at 1 (0 is `timer.INVALID_TIMER_HANDLE`).
    pub fn delay(&mut self, every: Duration, repeating: bool, callback: Function) -> i64 {
        self.next_handle += 1;
        let now = Instant::now();
        let due = now.checked_add(every).unwrap_or(now);
        self.running.push(Timer { handle: self.next_handle, every, repeating, callback, since: now, due });
        self.next_handle
    }

    /// Whether a running timer was stopped.
    pub fn cancel(&mut self, handle: i64) -> bool {
        let before = self.running.len();
        self.running.retain(|t| t.handle != handle);
        self.running.len() < before
    }

    /// A running timer's callback to call now, as if it had come due: a repeating one starts
    /// its next period from `now`, another ends.
    pub fn trigger(&mut self, handle: i64, now: Instant) -> Option<Fired> {
        let at = self.running.iter().position(|t| t.handle == handle)?;
        let timer = &mut self.running[at];
        let fired =
            Fired { handle, callback: timer.callback.clone(), elapsed: now.duration_since(timer.since).as_secs_f64() };
        if timer.repeating {
            timer.since = now;
            timer.due = now.checked_add(timer.every).unwrap_or(now);
        } else {
            self.running.remove(at);
        }
        Some(fired)
    }

    /// A running timer's time until it fires, its period, and whether it repeats.
    pub fn info(&self, handle: i64, now: Instant) -> Option<(Duration, Duration, bool)> {
        let timer = self.running.iter().find(|t| t.handle == handle)?;
        Some((timer.due.saturating_duration_since(now), timer.every, timer.repeating))
    }

    pub fn is_empty(&self) -> bool {
        self.running.is_empty()
    }

    /// When the next timer is due.
    pub fn next_due(&self) -> Option<Instant> {
        self.running.iter().map(|t| t.due).min()
    }

    /// The timers due at `now`, in the order they came due; repeating ones are set again,
    /// others end.
    pub fn take_due(&mut self, now: Instant) -> Vec<Fired> {
        let mut fired: Vec<(Instant, Fired)> = Vec::new();
        for timer in self.running.iter_mut().filter(|t| t.due <= now) {
            let elapsed = now.duration_since(timer.since).as_secs_f64();
            fired.push((timer.due, Fired { handle: timer.handle, callback: timer.callback.clone(), elapsed }));
            timer.since = now;
            // A timer that fell behind fires once, then keeps its period from now.
            timer.due = now.checked_add(timer.every).unwrap_or(now);
        }
        self.running.retain(|t| t.repeating || t.since != now);
        fired.sort_by_key(|(due, _)| *due);
        fired.into_iter().map(|(_, f)| f).collect()
    }
}
