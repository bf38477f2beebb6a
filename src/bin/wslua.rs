//! `wslua SCRIPT.lua [ARGS...] [--config FILE]`: runs a Lua script (on LuaJIT 2.1, or Lua 5.4
//! when built with `runner-lua54`) with the `websocket` module and Defold's globals, in the Defold script lifecycle when the script defines `init`.
//! The arguments after the script are its `arg[1]`, `arg[2]`, ... as with `lua`; after `--`,
//! even those that look like options.

use clap::Parser;
use std::path::PathBuf;
use std::process::ExitCode;
use wslua::runner::{self, Options};

#[derive(Parser)]
#[command(version = version(), about = "Run a Lua script with the websocket module (Defold's extension-websocket API)")]
struct Cli {
    /// The Lua script to run.
    script: PathBuf,
    /// A game.project file with a [websocket] section (default: ./game.project if it exists).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Run N worker processes of the script, each with its own Lua state, every `listen` on a
    /// shared port (SO_REUSEPORT); `auto` is one per core. A worker reads its number from the
    /// environment variable WSLUA_WORKER (1 to N) and N from WSLUA_WORKERS.
    #[arg(
        long,
        value_name = "N|auto",
        default_value = "1",
        allow_hyphen_values = true,
        value_parser = runner::workers::parse_count
    )]
    workers: usize,
    /// Arguments for the script, in its global `arg` table (after `--`, any text).
    args: Vec<String>,
}

/// `wslua --version`: the runner's version and the Lua it runs scripts on.
fn version() -> &'static str {
    // Once per run; clap keeps it for the run's length.
    format!("{} ({})", env!("CARGO_PKG_VERSION"), runner::vm_version()).leak()
}

fn main() -> ExitCode {
    keep_freed_memory();
    line_buffered_stdout();
    let cli = Cli::parse();
    if cli.workers > 1 {
        return supervise(cli.workers);
    }
    match runner::run(&Options { script: cli.script, config: cli.config, args: cli.args }) {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("wslua: {message}");
            ExitCode::FAILURE
        }
    }
}

/// `--workers N`: this process supervises N runners with the same command line, less the flag.
fn supervise(count: usize) -> ExitCode {
    let mut args: Vec<std::ffi::OsString> = Vec::new();
    let mut given = std::env::args_os().skip(1);
    while let Some(arg) = given.next() {
        if arg == "--" {
            args.push(arg);
            args.extend(given.by_ref());
        } else if arg == "--workers" {
            given.next();
        } else if !arg.to_string_lossy().starts_with("--workers=") {
            args.push(arg);
        }
    }
    match runner::workers::supervise(count, &args) {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("wslua: {message}");
            ExitCode::FAILURE
        }
    }
}

/// glibc's malloc gives freed memory back to the system and maps large blocks on their own, so a
/// server echoing 1 MiB messages faulted its pages back in for every message (a tenth of its
/// time). It now keeps up to 16 MiB freed at the top of its heap and maps only blocks over
/// 8 MiB. Idle memory per connection is unchanged, and what a burst of connections freed is given
/// back once the burst is over (the engine's `core::trim`).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn keep_freed_memory() {
    // SAFETY: mallopt only changes malloc's settings; it is called before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 8 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 16 << 20);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn keep_freed_memory() {}

/// Lua 5.4's `print` flushes every line; LuaJIT's leaves C's stdout block-buffered when it is a
/// pipe, so a script's lines reached a log or a supervising process only when 4 KiB had piled
/// up. Line-buffered, both VMs' output arrives as it is printed.
#[cfg(target_os = "linux")]
fn line_buffered_stdout() {
    extern "C" {
        static mut stdout: *mut libc::FILE;
    }
    // SAFETY: C's stdout exists for the whole run and nothing has written to it yet.
    unsafe {
        libc::setvbuf(stdout, std::ptr::null_mut(), libc::_IOLBF, 0);
    }
}

#[cfg(not(target_os = "linux"))]
fn line_buffered_stdout() {}
