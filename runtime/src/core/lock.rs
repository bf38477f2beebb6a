//! The one way the engine takes its mutexes.

use std::sync::{Mutex, MutexGuard};

/// Locks one of the engine's mutexes; a panic elsewhere while it was held does not make the engine
/// unusable.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}
