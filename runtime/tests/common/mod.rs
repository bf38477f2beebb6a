//! Shared by the runtime tests: peer processes (python `websockets`, node `ws`) and waiting for
//! events with a bound, so a broken build fails instead of hanging.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::Receiver;
use std::time::Duration;
use wslua_runtime::{ConnId, Event, EventKind, Message, Runtime};

pub const WAIT: Duration = Duration::from_secs(20);

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The venv python with `websockets`, installed by scripts/test.
pub fn python() -> Command {
    let python = repo().join(".venv/bin/python");
    assert!(
        python.exists(),
        "{} is missing: run scripts/test, which installs the python websockets peer",
        python.display()
    );
    Command::new(python)
}

/// node with the `ws` package, installed by scripts/test.
pub fn node() -> Command {
    let modules = repo().join("tests/peers/node_modules");
    assert!(
        modules.join("ws").exists(),
        "{} lacks ws: run scripts/test, which installs the node peer",
        modules.display()
    );
    let mut node = Command::new("node");
    node.env("NODE_PATH", modules);
    node
}

pub fn peer_script(name: &str) -> PathBuf {
    repo().join("tests/peers").join(name)
}

/// A child process speaking JSON lines on stdout; killed when dropped.
pub struct Peer {
    child: Child,
    lines: Receiver<String>,
}

impl Peer {
    pub fn spawn(mut command: Command) -> Peer {
        let mut child = command.stdout(Stdio::piped()).spawn().unwrap_or_else(|e| panic!("starting {command:?}: {e}"));
        // A reader thread, so waiting for a line can time out instead of hanging the test.
        let (sender, lines) = std::sync::mpsc::channel();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        std::thread::spawn(move || stdout.lines().map_while(Result::ok).try_for_each(|line| sender.send(line)));
        Peer { child, lines }
    }

    /// The next JSON line the peer prints, within [`WAIT`].
    pub fn json(&mut self) -> serde_json::Value {
        let line = self.lines.recv_timeout(WAIT).expect("the peer printed no line in time, or ended");
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("{line}: {e}"))
    }

    /// A server peer's first line: {"port": N}.
    pub fn port(&mut self) -> u16 {
        self.json()["port"].as_u64().expect("a port") as u16
    }

    pub fn wait(&mut self) -> std::process::ExitStatus {
        self.child.wait().unwrap()
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Peer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Opens a raw TCP connection to the server on `port`, writes `request` and returns the socket
/// and the HTTP response head.
pub fn raw_upgrade(port: u16, request: &[u8]) -> (std::net::TcpStream, String) {
    use std::io::{Read, Write};
    let mut socket = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    socket.set_read_timeout(Some(WAIT)).unwrap();
    socket.write_all(request).unwrap();
    let mut head = Vec::new();
    while !head.ends_with(b"\r\n\r\n") {
        let mut byte = [0u8; 1];
        socket.read_exact(&mut byte).unwrap();
        head.push(byte[0]);
    }
    (socket, String::from_utf8_lossy(&head).into_owned())
}

/// A server on loopback that reads one request and writes `answer` (an HTTP server refusing an
/// upgrade, a proxy refusing a tunnel); returns its port and the thread to join.
pub fn answer_once(answer: String) -> (u16, std::thread::JoinHandle<()>) {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = std::thread::spawn(move || {
        let (mut socket, _) = listener.accept().unwrap();
        let mut request = [0u8; 4096];
        let _ = socket.read(&mut request).unwrap();
        socket.write_all(answer.as_bytes()).unwrap();
    });
    (port, server)
}

/// The next event, failing the test after [`WAIT`].
pub fn next(rt: &Runtime) -> Event {
    rt.next_event(Some(WAIT)).expect("no event within the time limit")
}

/// The next event of `conn`; events of other connections are skipped.
pub fn next_of(rt: &Runtime, conn: ConnId) -> EventKind {
    loop {
        let event = next(rt);
        if event.conn == conn {
            return event.kind;
        }
    }
}

/// Events until `conn` disconnects; returns its (code, reason) and the messages it got.
pub fn until_disconnected(rt: &Runtime, conn: ConnId) -> ((u16, String), Vec<Message>) {
    let mut messages = Vec::new();
    loop {
        match next_of(rt, conn) {
            EventKind::Message(message) => messages.push(message),
            EventKind::Disconnected { code, reason } => return ((code, reason), messages),
            _ => {}
        }
    }
}
