//! A peer that sends faster than the host takes its messages: the connection stops reading
//! once the host has `MAX_UNDELIVERED` bytes of it waiting, so the host's memory stays bounded
//! and TCP holds the peer back; the keepalive does not take the backlog for silence; and once
//! the host takes its events, every message arrives, in order.

mod common;

use common::*;
use std::time::Duration;
use wslua_runtime::{Config, ConnectOptions, EventKind, ListenOptions, Message, Runtime, EVENT_COST, MAX_UNDELIVERED};

const SIZE: usize = 1024;

/// What the flood must exceed for the client to be held back: what the server reads before it
/// waits, and the most the kernel buffers on the way (the receiver's and the sender's largest
/// TCP buffers, which it grows to on loopback; 32 and 4 MiB on the 2-core test machine).
fn held_in_between() -> usize {
    let largest = |name: &str| {
        let limits = std::fs::read_to_string(format!("/proc/sys/net/ipv4/{name}")).unwrap_or_default();
        limits.split_whitespace().nth(2).and_then(|max| max.parse().ok()).unwrap_or(6 << 20)
    };
    MAX_UNDELIVERED + largest("tcp_rmem") + largest("tcp_wmem")
}

fn numbered(i: u32) -> Vec<u8> {
    let mut payload = vec![b'x'; SIZE];
    payload[..4].copy_from_slice(&i.to_le_bytes());
    payload
}

#[test]
fn a_peer_faster_than_the_host_waits_and_loses_nothing() {
    // Pings after 200 ms of silence, lost 200 ms later: a backlog taken for silence would end
    // the connection while the host is away.
    let config = Config {
        ping_interval: Some(Duration::from_millis(200)),
        ping_timeout: Duration::from_millis(200),
        ..Config::default()
    };
    let server = Runtime::new(config);
    let port = server.listen(0, 1, Duration::from_secs(10), ListenOptions::default()).unwrap().port;
    let client = Runtime::new(Config::default());
    let conn = client.connect(&format!("ws://127.0.0.1:{port}/"), ConnectOptions::default()).unwrap();
    let event = client.next_event(Some(WAIT)).expect("no event");
    assert!(matches!(event.kind, EventKind::Connected(_)), "{:?}", event.kind);
    // Half again what can be held between the two: the client must be left with some.
    let messages = u32::try_from(held_in_between() * 3 / 2 / SIZE).unwrap();
    for i in 0..messages {
        client.send(conn, Message::binary(numbered(i))).unwrap();
    }

    // The server's host takes nothing for a second: its connection reads until it waits.
    std::thread::sleep(Duration::from_secs(1));
    let most = MAX_UNDELIVERED.div_ceil(SIZE + EVENT_COST);
    let pending = server.pending();
    // Its Connected event and the messages read before it waited; one more is a Disconnected.
    assert!(
        pending <= most + 1,
        "{pending} events wait for the host: more than {most} messages were read, or the connection ended"
    );
    let left = client.stats(conn).unwrap().buffered;
    assert!(left > 0, "the client wrote everything: the server kept reading (or its connection ended)");

    let mut next = 0;
    let mut server_conn = None;
    while next < messages {
        let event = server.next_event(Some(WAIT)).expect("stalled: no event within the time limit");
        match event.kind {
            EventKind::Connected(_) => server_conn = Some(event.conn),
            EventKind::Message(message) => {
                assert_eq!(Some(event.conn), server_conn);
                assert_eq!(message.data, numbered(next), "message {next} out of order or lost");
                next += 1;
            }
            other => panic!("after {next} messages: {other:?}"),
        }
    }
    client.disconnect(conn, 1000, "done").unwrap();
    let event = server.next_event(Some(WAIT)).expect("no disconnect");
    assert!(matches!(event.kind, EventKind::Disconnected { code: 1000, .. }), "{:?}", event.kind);
}
