//! `wslua --workers N`: the runner as a supervisor of N worker processes, each running the script
//! with its own Lua state and every `listen` on a shared port (`SO_REUSEPORT`, the kernel spreading
//! the connections). A worker knows its number from `WSLUA_WORKER` (1 to N) and the count from
//! `WSLUA_WORKERS`, as node's `cluster` workers and pm2's `NODE_APP_INSTANCE` do.
//!
//! The supervisor prefixes each worker's output lines with `[worker I]`; restarts a worker that
//! was killed (by a signal it did not send) after a back-off, and gives up when one dies
//! [`MAX_DEATHS`] times within [`DEATH_WINDOW`]; stops every worker with SIGTERM (each runs
//! `finalize` and closes its connections) when it gets SIGINT or SIGTERM. A worker that ends by
//! itself (the script's end, `sys.exit`, an error in `init`) is not restarted: with status 0 it is
//! done; with another, the others are stopped and the runner ends with that status.

use std::collections::VecDeque;
use std::ffi::OsString;
use std::io::{BufRead, BufReader, Write};
use std::os::unix::process::ExitStatusExt;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The environment variable holding a worker's number, 1 to N.
pub const WORKER: &str = "WSLUA_WORKER";
/// The environment variable holding the number of workers.
pub const WORKERS: &str = "WSLUA_WORKERS";
/// The environment variable saying a worker is a restart (absent the first time): what is said
/// once per run, a restarted worker does not say again.
const RESTARTED: &str = "WSLUA_WORKER_RESTARTED";

/// The most workers `--workers` starts.
pub const MAX_WORKERS: usize = 256;
/// A worker that dies this many times within [`DEATH_WINDOW`] ends the runner.
const MAX_DEATHS: usize = 5;
const DEATH_WINDOW: Duration = Duration::from_secs(30);
/// The first restart's wait, doubled per death in the window, at most [`LAST_BACKOFF`].
const FIRST_BACKOFF: Duration = Duration::from_millis(100);
const LAST_BACKOFF: Duration = Duration::from_secs(5);
/// How long stopped workers have to end (their close timeout and more) before they are killed.
const STOP_GRACE: Duration = Duration::from_secs(15);
/// The last lines of a worker's stderr kept, to quote when it keeps dying.
const LAST_WORDS: usize = 10;

/// `--workers`' value: a count from 1 to [`MAX_WORKERS`], or `auto` for the number of cores.
pub fn parse_count(text: &str) -> Result<usize, String> {
    if text == "auto" {
        return Ok(std::thread::available_parallelism().map_or(1, |n| n.get()).min(MAX_WORKERS));
    }
    match text.parse::<usize>() {
        Ok(count) if (1..=MAX_WORKERS).contains(&count) => Ok(count),
        _ => Err(format!("expected a number of workers from 1 to {MAX_WORKERS}, or auto")),
    }
}

/// Which worker this process is, when the supervisor started it: its number, the count, and
/// whether it is a restart.
pub fn this_worker() -> Option<(usize, usize, bool)> {
    let read = |name| std::env::var(name).ok()?.parse::<usize>().ok();
    Some((read(WORKER)?, read(WORKERS)?, std::env::var_os(RESTARTED).is_some()))
}

/// One worker's process and what the supervisor knows of it.
struct Worker {
    number: usize,
    child: Option<Child>,
    /// When it died, within the window.
    deaths: VecDeque<Instant>,
    /// When to start it again, after a death.
    restart_at: Option<Instant>,
    /// Ended by itself with status 0: not restarted.
    done: bool,
    /// Started before.
    started: bool,
    last_words: Arc<Mutex<VecDeque<String>>>,
}

/// Runs `count` workers of the runner with `args` (the command line without `--workers`) until
/// they are done or a signal stops them; returns the runner's exit status.
pub fn supervise(count: usize, args: &[OsString]) -> Result<u8, String> {
    let program = std::env::current_exe().map_err(|e| format!("cannot find the runner's own program: {e}"))?;
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        signal_hook::flag::register(signal, stop.clone()).map_err(|e| format!("installing signal handlers: {e}"))?;
    }
    let mut workers: Vec<Worker> = (1..=count)
        .map(|number| Worker {
            number,
            child: None,
            deaths: VecDeque::new(),
            restart_at: Some(Instant::now()),
            done: false,
            started: false,
            last_words: Arc::default(),
        })
        .collect();
    let outcome = loop {
        if stop.load(Ordering::SeqCst) {
            break Ok(0);
        }
        if let Some(ended) = step(&mut workers, &program, args, count)? {
            break ended;
        }
        if workers.iter().all(|w| w.done) {
            break Ok(0);
        }
        // No busy wait: a tenth of a second between looks at the children.
        std::thread::sleep(Duration::from_millis(100));
    };
    stop_all(&mut workers);
    outcome
}

/// Starts the workers that are due, and looks at how the running ones are. `Some` ends the run.
fn step(
    workers: &mut [Worker],
    program: &std::path::Path,
    args: &[OsString],
    count: usize,
) -> Result<Option<Result<u8, String>>, String> {
    let now = Instant::now();
    for worker in workers.iter_mut() {
        if worker.restart_at.is_some_and(|at| at <= now) {
            worker.restart_at = None;
            worker.child = Some(start(worker, program, args, count)?);
            worker.started = true;
        }
        let Some(child) = worker.child.as_mut() else { continue };
        let Some(status) = child.try_wait().map_err(|e| e.to_string())? else { continue };
        worker.child = None;
        if let Some(signal) = status.signal() {
            worker.deaths.push_back(now);
            while worker.deaths.front().is_some_and(|at| now - *at > DEATH_WINDOW) {
                worker.deaths.pop_front();
            }
            let deaths = worker.deaths.len();
            if deaths >= MAX_DEATHS {
                return Ok(Some(Err(format!(
                    "worker {} died {deaths} times in {} s (last by signal {signal}); its last words:\n{}",
                    worker.number,
                    DEATH_WINDOW.as_secs(),
                    last_words(worker)
                ))));
            }
            let backoff = FIRST_BACKOFF.saturating_mul(1 << (deaths - 1)).min(LAST_BACKOFF);
            eprintln!(
                "wslua: worker {} was killed by signal {signal}; starting it again in {} ms",
                worker.number,
                backoff.as_millis()
            );
            worker.restart_at = Some(now + backoff);
        } else if exit_code(status) == 0 {
            worker.done = true;
        } else {
            // Its last words are on the runner's stderr already.
            let code = exit_code(status);
            eprintln!("wslua: worker {} ended with status {code}: stopping the others", worker.number);
            return Ok(Some(Ok(code)));
        }
    }
    Ok(None)
}

fn exit_code(status: ExitStatus) -> u8 {
    status.code().map_or(1, |code| u8::try_from(code).unwrap_or(1))
}

fn last_words(worker: &Worker) -> String {
    let lines = worker.last_words.lock().map(|l| l.iter().cloned().collect::<Vec<_>>()).unwrap_or_default();
    if lines.is_empty() {
        "(nothing on stderr)".into()
    } else {
        lines.join("\n")
    }
}

/// Starts a worker: the runner with the same arguments, its number in the environment, and its
/// output copied line by line with its number in front.
fn start(worker: &Worker, program: &std::path::Path, args: &[OsString], count: usize) -> Result<Child, String> {
    let mut command = Command::new(program);
    #[cfg(target_os = "linux")]
    // SAFETY: prctl is async-signal-safe; it only sets this child's parent-death signal, so a
    // supervisor killed outright (SIGKILL) takes its workers with it instead of orphaning them.
    unsafe {
        use std::os::unix::process::CommandExt;
        command.pre_exec(|| {
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM);
            Ok(())
        });
    }
    if worker.started {
        command.env(RESTARTED, "1");
    }
    let mut child = command
        .args(args)
        .env(WORKER, worker.number.to_string())
        .env(WORKERS, count.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start worker {}: {e}", worker.number))?;
    let prefix = format!("[worker {}] ", worker.number);
    if let Some(out) = child.stdout.take() {
        let prefix = prefix.clone();
        std::thread::spawn(move || copy_lines(out, &prefix, None, false));
    }
    if let Some(err) = child.stderr.take() {
        let words = worker.last_words.clone();
        std::thread::spawn(move || copy_lines(err, &prefix, Some(words), true));
    }
    Ok(child)
}

/// Copies a worker's output to the runner's, each line after `prefix`; keeps the last lines in
/// `words` when given.
fn copy_lines(from: impl std::io::Read, prefix: &str, words: Option<Arc<Mutex<VecDeque<String>>>>, to_stderr: bool) {
    for line in BufReader::new(from).lines().map_while(Result::ok) {
        // One write per line, so lines of different workers never interleave.
        let text = format!("{prefix}{line}\n");
        let _ = if to_stderr {
            std::io::stderr().lock().write_all(text.as_bytes())
        } else {
            std::io::stdout().lock().write_all(text.as_bytes())
        };
        if let Some(words) = &words {
            if let Ok(mut kept) = words.lock() {
                kept.push_back(line);
                if kept.len() > LAST_WORDS {
                    kept.pop_front();
                }
            }
        }
    }
}

/// SIGTERM to every running worker, then waits for them (killing those that outlive
/// [`STOP_GRACE`]).
fn stop_all(workers: &mut [Worker]) {
    for child in workers.iter().filter_map(|w| w.child.as_ref()) {
        // SAFETY: kill only sends a signal to the child's process id.
        unsafe {
            libc::kill(child.id() as libc::pid_t, libc::SIGTERM);
        }
    }
    let deadline = Instant::now() + STOP_GRACE;
    for worker in workers.iter_mut() {
        let Some(child) = worker.child.as_mut() else { continue };
        loop {
            match child.try_wait() {
                Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(20)),
                Ok(None) => {
                    eprintln!(
                        "wslua: worker {} did not stop within {} s: killing it",
                        worker.number,
                        STOP_GRACE.as_secs()
                    );
                    let _ = child.kill();
                    let _ = child.wait();
                    break;
                }
                _ => break,
            }
        }
        worker.child = None;
    }
}
