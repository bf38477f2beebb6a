//! The server's limits each close only the connection that broke them: `max_connections`,
//! the handshake's `connection_timeout`, `max_message_size` (1009), and a peer killed in the
//! middle of a message (1006).

mod common;

use common::*;
use std::io::Read;
use std::net::TcpStream;
use std::time::{Duration, Instant};
use wslua_runtime::{Config, ConnId, ConnectOptions, EventKind, Handshake, ListenOptions, Message, Runtime};

/// Connects `rt` as a client and returns the connection once it is open.
fn open(rt: &Runtime, port: u16) -> ConnId {
    let conn = rt.connect(&format!("ws://127.0.0.1:{port}/"), ConnectOptions::default()).unwrap();
    assert!(matches!(next_of(rt, conn), EventKind::Connected(Handshake::Client { .. })));
    conn
}

/// The server echoes on its own thread until it has seen `disconnects` connections end.
fn echo_server(server: Runtime, disconnects: usize) -> std::thread::JoinHandle<Vec<(u16, String)>> {
    std::thread::spawn(move || {
        let mut ended = Vec::new();
        while ended.len() < disconnects {
            let event = next(&server);
            match event.kind {
                EventKind::Message(message) => {
                    let _ = server.send(event.conn, message);
                }
                EventKind::Disconnected { code, reason } => ended.push((code, reason)),
                _ => {}
            }
        }
        ended
    })
}

fn echo(rt: &Runtime, conn: ConnId, text: &str) {
    rt.send(conn, Message::text(text.as_bytes().to_vec())).unwrap();
    assert_eq!(next_of(rt, conn), EventKind::Message(Message::text(text.as_bytes().to_vec())));
}

#[test]
fn max_connections_refuses_the_next_with_503_and_keeps_the_others() {
    let server = Runtime::new(Config::default());
    let port = server.listen(0, 2, Duration::from_secs(5), ListenOptions::default()).unwrap().port;
    let done = echo_server(server, 2);
    let rt = Runtime::new(Config::default());
    let (a, b) = (open(&rt, port), open(&rt, port));
    let third = rt.connect(&format!("ws://127.0.0.1:{port}/"), ConnectOptions::default()).unwrap();
    match next_of(&rt, third) {
        EventKind::Error { response: Some(response), .. } => assert_eq!(response.status, 503),
        other => panic!("expected a 503, got {other:?}"),
    }
    echo(&rt, a, "a still works");
    echo(&rt, b, "b still works");
    rt.disconnect(a, 1000, "").unwrap();
    rt.disconnect(b, 1000, "").unwrap();
    assert_eq!(done.join().unwrap().len(), 2);
}

#[test]
fn a_client_that_sends_nothing_is_dropped_after_connection_timeout() {
    let server = Runtime::new(Config::default());
    let port = server.listen(0, 4, Duration::from_millis(300), ListenOptions::default()).unwrap().port;
    let mut silent = TcpStream::connect(("127.0.0.1", port)).unwrap();
    silent.set_read_timeout(Some(WAIT)).unwrap();
    let started = Instant::now();
    assert_eq!(silent.read(&mut [0u8; 16]).unwrap(), 0, "the server closes the socket");
    assert!(started.elapsed() >= Duration::from_millis(250), "closed after {:?}", started.elapsed());
    assert!(server.next_event(Some(Duration::ZERO)).is_none(), "a handshake that never happened is no event");
}

#[test]
fn an_oversized_message_closes_that_connection_with_1009_only() {
    let server = Runtime::new(Config { max_message_size: 1024, ..Config::default() });
    let port = server.listen(0, 4, Duration::from_secs(5), ListenOptions::default()).unwrap().port;
    let done = echo_server(server, 2);
    let rt = Runtime::new(Config::default());
    let (big, small) = (open(&rt, port), open(&rt, port));
    rt.send(big, Message::binary(vec![7; 2000])).unwrap();
    let ((code, reason), messages) = until_disconnected(&rt, big);
    assert_eq!(code, 1009, "{reason}");
    assert!(messages.is_empty());
    echo(&rt, small, "the other connection is fine");
    rt.disconnect(small, 1000, "").unwrap();
    assert_eq!(until_disconnected(&rt, small).0 .0, 1000);
    let ended = done.join().unwrap();
    assert!(ended.iter().any(|(code, _)| *code == 1009), "{ended:?}");
}

#[test]
fn a_client_killed_mid_message_is_reported_as_1006() {
    let server = Runtime::new(Config::default());
    let port = server.listen(0, 4, Duration::from_secs(5), ListenOptions::default()).unwrap().port;
    let mut python = python();
    python.arg(peer_script("partial_frame.py")).arg("127.0.0.1").arg(port.to_string());
    let mut peer = Running::start(python);
    let conn = next(&server).conn;
    assert_eq!(peer.json()["sent"], 10);
    drop(peer); // SIGKILL
    let ((code, reason), messages) = until_disconnected(&server, conn);
    assert_eq!(code, 1006, "{reason}");
    assert!(messages.is_empty());
}

#[test]
fn stop_listening_closes_server_connections_with_1001_and_frees_the_port() {
    let server = Runtime::new(Config::default());
    let port = server.listen(0, 4, Duration::from_secs(5), ListenOptions::default()).unwrap().port;
    let rt = Runtime::new(Config::default());
    let conn = rt.connect(&format!("ws://127.0.0.1:{port}/"), ConnectOptions::default()).unwrap();
    let accepted = next(&server).conn;
    assert!(matches!(next_of(&rt, conn), EventKind::Connected(Handshake::Client { .. })));
    assert_eq!(server.stop_listening(None).len(), 1);
    assert_eq!(until_disconnected(&rt, conn).0 .0, 1001);
    assert_eq!(until_disconnected(&server, accepted).0 .0, 1001);
    assert!(server.is_idle());
    // The port is free again at once.
    assert_eq!(server.listen(port, 4, Duration::from_secs(5), ListenOptions::default()).unwrap().port, port);
}

/// `stop_listening` while handshakes complete: whatever the timing, every connection the server
/// accepted is closed, so after each stop the server becomes idle and every client ends.
#[test]
fn stop_listening_during_handshakes_leaves_no_connection_open() {
    const ROUNDS: u64 = 1000;
    let server = Runtime::new(Config::default());
    let client = Runtime::new(Config::default());
    for round in 0..ROUNDS {
        let port = server.listen(0, 64, Duration::from_secs(5), ListenOptions::default()).unwrap().port;
        let url = format!("ws://127.0.0.1:{port}/");
        let conns: Vec<ConnId> = (0..4).map(|_| client.connect(&url, ConnectOptions::default()).unwrap()).collect();
        // Stop at a different point of the handshakes each round.
        std::thread::sleep(Duration::from_micros(round % 20 * 50));
        assert_eq!(server.stop_listening(None).len(), 1);
        // Each client connection ends, whether it was refused, reset or closed by the server.
        let mut open = conns.len();
        while open > 0 {
            if let EventKind::Disconnected { .. } = next(&client).kind {
                open -= 1;
            }
        }
        while !server.is_idle() {
            assert!(server.next_event(Some(WAIT)).is_some(), "round {round}: a server connection stayed open");
        }
    }
}
