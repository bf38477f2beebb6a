//! Peers that stop answering or stop reading: keepalive notices a silent peer (1006, with a
//! reason), a responsive one is left alone, and a peer that does not read is closed with 1008
//! once the send queue limit is passed, instead of memory growing without bound.

mod common;

use common::*;
use std::net::TcpStream;
use std::time::{Duration, Instant};
use wslua_runtime::{Config, ConnectOptions, Error, EventKind, Handshake, ListenOptions, Message, Runtime};

fn pinging(max_send_queue: usize) -> Config {
    Config {
        ping_interval: Some(Duration::from_millis(200)),
        ping_timeout: Duration::from_millis(300),
        max_send_queue,
        ..Config::default()
    }
}

/// A client that completes the handshake by hand, then never reads or writes again.
fn mute_client(port: u16) -> TcpStream {
    let (socket, head) = raw_upgrade(
        port,
        b"GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
          Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
    );
    assert!(head.starts_with("HTTP/1.1 101"), "{head}");
    socket
}

#[test]
fn keepalive_closes_a_peer_that_answers_nothing() {
    let server = Runtime::new(pinging(64 << 20));
    let port = server.listen(0, 4, Duration::from_secs(5), ListenOptions::default()).unwrap().port;
    let _mute = mute_client(port);
    let conn = next(&server).conn;
    let started = Instant::now();
    let ((code, reason), _) = until_disconnected(&server, conn);
    assert_eq!(code, 1006, "{reason}");
    assert!(reason.contains("no answer to a ping"), "{reason}");
    assert!(started.elapsed() < Duration::from_secs(5), "noticed after {:?}", started.elapsed());
}

#[test]
fn keepalive_leaves_a_responsive_peer_alone() {
    let server = Runtime::new(pinging(64 << 20));
    let port = server.listen(0, 4, Duration::from_secs(5), ListenOptions::default()).unwrap().port;
    let client = Runtime::new(Config { ping_interval: None, ..Config::default() });
    let conn = client.connect(&format!("ws://127.0.0.1:{port}/"), ConnectOptions::default()).unwrap();
    assert!(matches!(next_of(&client, conn), EventKind::Connected(Handshake::Client { .. })));
    let accepted = next(&server).conn;
    // Several ping intervals pass with no message: the pongs keep it open.
    let event = server.next_event(Some(Duration::from_millis(1500)));
    assert!(event.is_none(), "the server closed a live peer: {event:?}");
    client.send(conn, Message::text(b"still here".to_vec())).unwrap();
    assert_eq!(next_of(&server, accepted), EventKind::Message(Message::text(b"still here".to_vec())));
}

#[test]
fn keepalive_notices_a_peer_paused_with_sigstop() {
    let server = Runtime::new(pinging(64 << 20));
    let port = server.listen(0, 4, Duration::from_secs(5), ListenOptions::default()).unwrap().port;
    let mut python = python();
    python.arg(peer_script("watch_close.py")).arg(format!("ws://127.0.0.1:{port}/"));
    let mut peer = Running::start(python);
    assert_eq!(peer.json()["connected"], true);
    let conn = next(&server).conn;
    assert!(std::process::Command::new("kill").args(["-STOP", &peer.pid().to_string()]).status().unwrap().success());
    let ((code, reason), _) = until_disconnected(&server, conn);
    assert_eq!(code, 1006, "{reason}");
    assert!(reason.contains("no answer to a ping"), "{reason}");
    drop(peer); // SIGKILL ends a stopped process too
}

#[test]
fn a_peer_that_does_not_read_is_closed_with_1008_at_the_send_queue_limit() {
    let server = Runtime::new(Config { max_send_queue: 1 << 20, ping_interval: None, ..Config::default() });
    let port = server.listen(0, 4, Duration::from_secs(5), ListenOptions::default()).unwrap().port;
    let _mute = mute_client(port);
    let conn = next(&server).conn;
    let chunk = vec![0x5a; 64 << 10];
    let mut sent = 0usize;
    loop {
        match server.send(conn, Message::binary(chunk.clone())) {
            Ok(_) => sent += chunk.len(),
            Err(Error::NotConnected) => break,
            Err(other) => panic!("{other}"),
        }
        assert!(sent < 256 << 20, "sent {sent} bytes to a peer that reads nothing and was not closed");
        // Give the writer time to fill the socket, as a real script would between frames.
        std::thread::sleep(Duration::from_millis(1));
    }
    let ((code, reason), _) = until_disconnected(&server, conn);
    assert_eq!(code, 1008, "{reason}");
    assert!(reason.contains("send queue over 1048576 bytes"), "{reason}");
}
