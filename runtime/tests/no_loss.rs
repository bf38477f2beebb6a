//! 100 connections × 10,000 numbered messages each way, between our client and our server:
//! every message arrives once, in order, and every connection ends with one disconnect. The two
//! are two `Runtime`s of one process, each with a host waiting on a thread of its own: they share
//! the process's task pool, each host running whichever engine tasks it takes while it waits.

mod common;

use common::*;
use std::collections::HashMap;
use std::time::Duration;
use wslua_runtime::{Config, ConnId, ConnectOptions, EventKind, ListenOptions, Message, Runtime};

const CONNECTIONS: usize = 100;
const MESSAGES: u32 = 10_000;

fn numbered(i: u32) -> Vec<u8> {
    i.to_le_bytes().to_vec()
}

/// Sends MESSAGES numbered messages on each connection as it opens, checks that each
/// connection receives 0..MESSAGES in order, and closes each once both directions are done.
/// Returns how many connections ended with 1000.
fn pump(rt: &Runtime, expect_connections: usize, closes: bool) -> usize {
    let mut received: HashMap<ConnId, u32> = HashMap::new();
    let mut clean = 0;
    let mut ended = 0;
    while ended < expect_connections {
        let event = rt.next_event(Some(WAIT)).expect("stalled: no event within the time limit");
        match event.kind {
            EventKind::Connected(_) => {
                for i in 0..MESSAGES {
                    rt.send(event.conn, Message::binary(numbered(i))).unwrap();
                }
                received.insert(event.conn, 0);
            }
            EventKind::Message(Message { data, .. }) => {
                let next = received.get_mut(&event.conn).expect("a message before Connected");
                assert_eq!(data, numbered(*next), "connection {}: out of order or lost", event.conn);
                *next += 1;
                if *next == MESSAGES && closes {
                    rt.disconnect(event.conn, 1000, "all received").unwrap();
                }
            }
            EventKind::Disconnected { code, .. } => {
                assert_eq!(received.remove(&event.conn), Some(MESSAGES), "connection {} ended early", event.conn);
                clean += usize::from(code == 1000);
                ended += 1;
            }
            EventKind::Error { message, .. } => panic!("{message}"),
            EventKind::Drain => panic!("a Drain event with no drain threshold"),
            EventKind::Admit(_) | EventKind::Published(_) | EventKind::Http(_) => {
                panic!("an event of no connection: {:?}", event.kind)
            }
        }
    }
    clean
}

#[test]
fn every_message_arrives_once_in_order_on_every_connection() {
    let server = Runtime::new(Config::default());
    let port = server.listen(0, CONNECTIONS, Duration::from_secs(10), ListenOptions::default()).unwrap().port;
    let server_side = std::thread::spawn(move || pump(&server, CONNECTIONS, false));
    let client = Runtime::new(Config::default());
    for _ in 0..CONNECTIONS {
        client.connect(&format!("ws://127.0.0.1:{port}/"), ConnectOptions::default()).unwrap();
    }
    // The client closes each connection once it has everything; the server must have received
    // all of the client's messages before that close, since they were sent before it.
    assert_eq!(pump(&client, CONNECTIONS, true), CONNECTIONS);
    assert_eq!(server_side.join().unwrap(), CONNECTIONS);
    assert!(client.is_idle());
}
