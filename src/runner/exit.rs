//! How the runner is asked to stop: `sys.exit(code)` from the script, or SIGINT / SIGTERM.

use crate::Host;
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use wslua_runtime::Interrupter;

pub struct Exit {
    code: Cell<u8>,
    by_script: Cell<bool>,
    by_signal: Arc<AtomicBool>,
    /// Wakes the loop waiting in the event queue.
    interrupter: Interrupter,
}

impl Exit {
    /// Catches SIGINT and SIGTERM from now on.
    pub fn install(host: &Host) -> std::io::Result<Exit> {
        let by_signal = Arc::new(AtomicBool::new(false));
        let mut signals =
            signal_hook::iterator::Signals::new([signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM])?;
        let interrupter = host.runtime().interrupter();
        let (flag, wake) = (by_signal.clone(), interrupter.clone());
        std::thread::spawn(move || {
            for _ in signals.forever() {
                flag.store(true, Ordering::SeqCst);
                wake.interrupt();
            }
        });
        Ok(Exit { code: Cell::new(0), by_script: Cell::new(false), by_signal, interrupter })
    }

    /// `sys.exit(code)`.
    pub fn by_script(&self, code: u8) {
        self.code.set(code);
        self.by_script.set(true);
        self.interrupter.interrupt();
    }

    pub fn requested(&self) -> bool {
        self.by_script.get() || self.by_signal.load(Ordering::SeqCst)
    }

    pub fn code(&self) -> u8 {
        self.code.get()
    }
}
