//! Shared by the runtime tests: the workspace's test support (peers, child processes, raw
//! websocket bytes), and waiting for the engine's events with a bound, so a broken build fails
//! instead of hanging.
#![allow(dead_code)]

use std::time::Duration;
use wslua_runtime::{ConnId, Event, EventKind, Message, Runtime};
pub use wslua_test_support::*;

pub const WAIT: Duration = Duration::from_secs(20);

/// Opens a raw TCP connection to the server on `port`, writes `request` and returns the socket
/// and the HTTP response head.
pub fn raw_upgrade(port: u16, request: &[u8]) -> (std::net::TcpStream, String) {
    use std::io::Write;
    let mut socket = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    socket.set_read_timeout(Some(WAIT)).unwrap();
    socket.write_all(request).unwrap();
    let head = raw::read_head(&mut socket);
    (socket, head)
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
