//! The `debug` config key as a `log` logger on stderr: 0 errors only (a Lua error in a callback,
//! `update` or `finalize`), 1 connection state changes, 2 also every message. Only wslua's own
//! records are shown.

use log::{LevelFilter, Log, Metadata, Record};

struct Stderr;

impl Log for Stderr {
    /// wslua's own records only: the libraries below it (tungstenite and the rest) log their
    /// internals in their own terms, which mean nothing to a script's author.
    fn enabled(&self, metadata: &Metadata) -> bool {
        metadata.level() <= log::max_level() && metadata.target().starts_with("wslua")
    }

    /// Each line names what speaks: the runner (the script's lifecycle), or the module.
    fn log(&self, record: &Record) {
        if self.enabled(record.metadata()) {
            let speaker = if record.target().starts_with("wslua::runner") { "wslua" } else { "websocket" };
            eprintln!("{speaker}: {}", record.args());
        }
    }

    fn flush(&self) {}
}

/// Installs the logger (once per process; later calls only change the level).
pub fn init(debug: i64) {
    let _ = log::set_logger(&Stderr);
    log::set_max_level(match debug {
        i64::MIN..=0 => LevelFilter::Error,
        1 => LevelFilter::Info,
        _ => LevelFilter::Debug,
    });
}
