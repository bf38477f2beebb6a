//! `wslua --workers N`: N worker processes of one script on one port (SO_REUSEPORT), supervised:
//! a killed worker is restarted and its clients, reconnecting, are served; SIGTERM runs every
//! worker's `finalize`; channels span the workers through a broker (Redis) and stay within each
//! worker without one, which the first worker says; bad counts are CLI errors; a script that
//! ends is not restarted, one that keeps dying ends the runner with its last words.

mod common;

use common::*;
use std::collections::{BTreeSet, HashMap};
use std::process::{Command, Stdio};
use wslua_runtime::{ConnId, ConnectOptions, EventKind, Message, Runtime};

/// `wslua --workers N tests/lua/runner/worker_echo.lua -- PORT` with `project`, its stderr in
/// `stderr`; returns it once every worker listens.
fn workers(count: usize, port: u16, project: Option<&std::path::Path>, stderr: &std::path::Path) -> Running {
    let mut command = runner();
    command.args(["--workers", &count.to_string()]);
    if let Some(project) = project {
        command.arg("--config").arg(project);
    }
    command.args(["tests/lua/runner/worker_echo.lua", "--", &port.to_string()]);
    command.stderr(Stdio::from(std::fs::File::create(stderr).unwrap()));
    let mut supervisor = Running::start(command);
    let mut listening = BTreeSet::new();
    while listening.len() < count {
        let line = supervisor.line();
        let worker = line.strip_suffix("] listening").and_then(|l| l.strip_prefix("[worker "));
        listening.insert(worker.unwrap_or_else(|| panic!("not a worker's listening line: {line}")).to_string());
    }
    supervisor
}

/// Clients of the workers: which worker greeted each connection.
struct Clients {
    runtime: Runtime,
    url: String,
    worker_of: HashMap<ConnId, String>,
}

impl Clients {
    fn new(port: u16) -> Clients {
        Clients {
            runtime: Runtime::new(wslua_runtime::Config::default()),
            url: format!("ws://127.0.0.1:{port}/"),
            worker_of: HashMap::new(),
        }
    }

    /// Opens `count` connections and waits for each one's greeting.
    fn open(&mut self, count: usize) -> Vec<ConnId> {
        let ids: Vec<ConnId> =
            (0..count).map(|_| self.runtime.connect(&self.url, ConnectOptions::default()).unwrap()).collect();
        for _ in 0..count {
            let (conn, text) = self.message();
            let worker = text.strip_prefix("worker ").unwrap_or_else(|| panic!("not a greeting: {text}"));
            self.worker_of.insert(conn, worker.to_string());
        }
        ids
    }

    /// The next text message, skipping connection events.
    fn message(&mut self) -> (ConnId, String) {
        loop {
            let event = self.runtime.next_event(Some(LIMIT)).expect("no event in time");
            match event.kind {
                EventKind::Message(message) => {
                    return (event.conn, String::from_utf8(message.data.to_vec()).unwrap());
                }
                EventKind::Connected(_) => {}
                other => panic!("connection {}: {other:?}", event.conn),
            }
        }
    }

    fn send(&self, conn: ConnId, text: &str) {
        self.runtime.send(conn, Message::text(text.to_string())).unwrap();
    }

    /// The workers that greeted the connections still open.
    fn workers(&self) -> BTreeSet<String> {
        self.worker_of.values().cloned().collect()
    }
}

/// The process id of worker `number` among `supervisor`'s children (read from their environment).
fn worker_pid(supervisor: &Running, number: &str) -> u32 {
    let children = Command::new("pgrep").args(["-P", &supervisor.pid().to_string()]).output().unwrap();
    String::from_utf8_lossy(&children.stdout)
        .split_whitespace()
        .filter_map(|pid| pid.parse::<u32>().ok())
        .find(|pid| {
            let environ = std::fs::read(format!("/proc/{pid}/environ")).unwrap_or_default();
            environ.split(|b| *b == 0).any(|var| var == format!("WSLUA_WORKER={number}").as_bytes())
        })
        .unwrap_or_else(|| panic!("no worker {number} among the supervisor's children"))
}

/// Three workers share the connections; one killed with SIGKILL mid-load drops its clients
/// (1006), is restarted, and the clients that reconnect are served; SIGTERM to the runner runs
/// every worker's `finalize` and ends it with status 0.
#[test]
fn workers_share_a_port_survive_a_killed_one_and_stop_gracefully() {
    let dir = scratch("workers");
    let port = free_port();
    let stderr = dir.join("stderr");
    let mut supervisor = workers(3, port, None, &stderr);
    let mut clients = Clients::new(port);
    let conns = clients.open(60);
    assert!(clients.workers().len() >= 2, "one worker got every connection: {:?}", clients.workers());
    for &conn in &conns {
        clients.send(conn, "ping");
    }
    for _ in &conns {
        let (conn, text) = clients.message();
        assert_eq!(text, format!("{}:ping", clients.worker_of[&conn]));
    }

    // Kill the worker of the first connection, mid-load: every connection sends again first.
    let victim = clients.worker_of[&conns[0]].clone();
    let lost: Vec<ConnId> = conns.iter().copied().filter(|c| clients.worker_of[c] == victim).collect();
    for &conn in &conns {
        clients.send(conn, "again");
    }
    let signalled = Command::new("kill").args(["-KILL", &worker_pid(&supervisor, &victim).to_string()]).status();
    assert!(signalled.unwrap().success());
    let mut dropped = BTreeSet::new();
    while dropped.len() < lost.len() {
        let event = clients.runtime.next_event(Some(LIMIT)).expect("no event in time");
        match event.kind {
            EventKind::Disconnected { code, .. } => {
                assert!(lost.contains(&event.conn), "a connection of another worker dropped: {}", event.conn);
                assert_eq!(code, 1006, "a killed worker's connection ends without a close frame");
                dropped.insert(event.conn);
            }
            // The survivors' answers to "again", and the victim's that beat the kill.
            EventKind::Message(_) | EventKind::Error { .. } => {}
            other => panic!("{other:?}"),
        }
    }
    for conn in &lost {
        clients.worker_of.remove(conn);
    }
    // It comes back, and its clients reconnecting are all served.
    let restarted = supervisor.line();
    assert_eq!(restarted, format!("[worker {victim}] listening"), "the killed worker is restarted");
    let again = clients.open(lost.len());
    for &conn in &again {
        clients.send(conn, "back");
    }
    for _ in &again {
        let (conn, text) = clients.message();
        if text.ends_with(":again") {
            continue;
        }
        assert_eq!(text, format!("{}:back", clients.worker_of[&conn]));
    }

    supervisor.signal("TERM");
    let (status, rest) = supervisor.wait();
    assert!(status.success(), "{status}: {rest}");
    for worker in ["1", "2", "3"] {
        assert!(rest.contains(&format!("[worker {worker}] finalize")), "worker {worker}'s finalize: {rest}");
    }
    let said = std::fs::read_to_string(&stderr).unwrap();
    assert!(said.contains(&format!("worker {victim} was killed by signal 9; starting it again")), "{said}");
    assert_eq!(
        said.matches("channels stay within each of the 3 workers").count(),
        1,
        "one note on channels without a broker:\n{said}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// With a broker, a message published in one worker reaches the subscribers of another.
#[test]
fn channels_span_the_workers_through_the_broker() {
    let dir = scratch("workers-broker");
    let redis_port = free_port();
    let mut redis = Command::new("redis-server");
    redis.args(["--bind", "127.0.0.1", "--port", &redis_port.to_string(), "--save", "", "--appendonly", "no"]);
    redis.arg("--dir").arg(&dir).stdout(Stdio::null());
    // Debian's redis-server, which scripts/test installs.
    let redis = Running::start(redis);
    wait_for_port(redis_port, "redis-server");
    let project = dir.join("game.project");
    std::fs::write(&project, format!("[websocket]\nbroker = redis://127.0.0.1:{redis_port}\n")).unwrap();
    let port = free_port();
    let supervisor = workers(2, port, Some(&project), &dir.join("stderr"));
    let mut clients = Clients::new(port);
    // Connections until both workers have some (the kernel spreads them).
    while clients.workers().len() < 2 {
        assert!(clients.worker_of.len() < 200, "every connection went to one worker");
        clients.open(4);
    }
    let by_worker = |worker: &str| *clients.worker_of.iter().find(|(_, w)| w.as_str() == worker).unwrap().0;
    let (one, two) = (by_worker("1"), by_worker("2"));
    // The broker's subscription may lag the first connection: publish until worker 2 hears it.
    let mut heard = false;
    for attempt in 0..50 {
        clients.send(one, &format!("publish:hello {attempt}"));
        let deadline = std::time::Instant::now() + std::time::Duration::from_millis(200);
        while let Some(event) =
            clients.runtime.next_event(Some(deadline.saturating_duration_since(std::time::Instant::now())))
        {
            if let EventKind::Message(message) = event.kind {
                heard |= event.conn == two && message.data.starts_with(b"hello");
            }
        }
        if heard {
            break;
        }
    }
    assert!(heard, "worker 2's subscriber never got worker 1's publish");
    supervisor.signal("TERM");
    assert!(supervisor.wait().0.success());
    let said = std::fs::read_to_string(dir.join("stderr")).unwrap();
    assert!(!said.contains("channels stay within"), "no note with a broker:\n{said}");
    drop(redis);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Bad counts are CLI errors naming the flag; a script that ends is not restarted (the runner
/// ends with its status); a worker that keeps dying ends the runner with its last words.
#[test]
fn worker_counts_are_checked_and_ending_workers_end_the_runner() {
    for bad in ["0", "-3", "lots", "1000"] {
        let mut command = runner();
        command.args(["--workers", bad, "examples/echo.lua"]);
        let out = finish(command);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "--workers {bad}: {stderr}");
        assert!(stderr.contains("--workers <N|auto>") && stderr.contains("from 1 to 256, or auto"), "{stderr}");
    }

    let dir = scratch("workers-end");
    let ends = dir.join("ends.lua");
    std::fs::write(&ends, "print('done in ' .. os.getenv('WSLUA_WORKER'))\n").unwrap();
    let exits = dir.join("exits.lua");
    std::fs::write(&exits, "function init(self) sys.exit(3) end\n").unwrap();
    let mut command = runner();
    command.args(["--workers", "2"]).arg(&ends);
    let out = finish(command);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert_eq!(stdout.matches("] done in").count(), 2, "each worker once, none restarted: {stdout}");
    let mut command = runner();
    command.args(["--workers", "2"]).arg(&exits);
    assert_eq!(finish(command).status.code(), Some(3), "the script's own status");

    let mut command = runner();
    command.args(["--workers", "2", "tests/lua/runner/worker_dies.lua"]);
    let out = finish(command);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("died 5 times in 30 s (last by signal 9); its last words:"), "{stderr}");
    assert!(stderr.contains("dying now"), "{stderr}");
    std::fs::remove_dir_all(&dir).unwrap();
}
