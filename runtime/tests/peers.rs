//! Our client against python `websockets` and node `ws` servers, and their clients against our
//! server: text, binary, empty and 8 MiB messages, close codes and reasons both ways,
//! subprotocol and custom headers.

mod common;

use common::*;
use std::time::Duration;
use wslua_runtime::{Config, ConnectOptions, EventKind, Handshake, Headers, ListenOptions, Message, Runtime};

fn client_against(mut server: Running) {
    let port = server.port();
    let rt = Runtime::new(Config::default());
    let options = ConnectOptions {
        timeout: Some(Duration::from_secs(5)),
        protocol: Some("chat".into()),
        headers: Some(Headers::Text("X-Custom: one\r\nX-Other: two words\r\n".into())),
        ..ConnectOptions::default()
    };
    let conn = rt.connect(&format!("ws://127.0.0.1:{port}/room?x=1"), options).unwrap();
    assert!(matches!(next_of(&rt, conn), EventKind::Connected(Handshake::Client { .. })));
    let big = vec![0xab; 8 << 20];
    let sent = [
        Message::text(b"hello".to_vec()),
        Message::binary(b"\x00\x01\xff binary".to_vec()),
        Message::text(Vec::new()),
        Message::binary(Vec::new()),
        Message::binary(big),
    ];
    for message in &sent {
        rt.send(conn, message.clone()).unwrap();
        match next_of(&rt, conn) {
            EventKind::Message(echo) => {
                assert_eq!((echo.data.len(), echo.kind), (message.data.len(), message.kind));
                assert!(echo == *message);
            }
            other => panic!("expected an echo, got {other:?}"),
        }
    }
    rt.disconnect(conn, 4000, "bye from wslua").unwrap();
    let ((code, reason), _) = until_disconnected(&rt, conn);
    assert_eq!((code, reason.as_str()), (4000, "bye from wslua"));
    let seen = server.json();
    assert_eq!(seen["path"], "/room?x=1");
    assert_eq!(seen["subprotocol"], "chat");
    assert_eq!(seen["headers"]["x-custom"], "one");
    assert_eq!(seen["headers"]["x-other"], "two words");
    assert_eq!((seen["close_code"].as_u64(), seen["close_reason"].as_str()), (Some(4000), Some("bye from wslua")));

    // The server closes: its code and reason reach us.
    let conn = rt.connect(&format!("ws://127.0.0.1:{port}/"), ConnectOptions::default()).unwrap();
    assert!(matches!(next_of(&rt, conn), EventKind::Connected(Handshake::Client { .. })));
    rt.send(conn, Message::text(b"close:4003:server says bye".to_vec())).unwrap();
    let ((code, reason), _) = until_disconnected(&rt, conn);
    assert_eq!((code, reason.as_str()), (4003, "server says bye"));
}

#[test]
fn client_against_python_websockets_server() {
    let mut python = python();
    python.arg(peer_script("echo_server.py"));
    client_against(Running::start(python));
}

#[test]
fn client_against_node_ws_server() {
    let mut node = node();
    node.arg(peer_script("echo_server.js"));
    client_against(Running::start(node));
}

/// Echoes everything until the client closes; returns the server-side events' summary.
fn server_against(mut client: std::process::Command, close: (u16, &str)) {
    let rt = Runtime::new(Config::default());
    let port = rt.listen(0, 4, Duration::from_secs(5), ListenOptions::default()).unwrap().port;
    client.arg(format!("ws://127.0.0.1:{port}/peer?q=1"));
    let mut client = Running::start(client);
    let event = next(&rt);
    let conn = event.conn;
    let EventKind::Connected(Handshake::Server(request)) = event.kind else {
        panic!("expected a server connection, got {event:?}")
    };
    assert_eq!((request.method.as_str(), request.resource.as_str()), ("GET", "/peer?q=1"));
    assert!(request.peer.ip().is_loopback() && request.peer.port() != port, "{:?}", request.peer);
    let header = |name: &str| request.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
    assert!(header("x-peer").is_some());
    assert_eq!(header("sec-websocket-protocol").as_deref(), Some("chat"));
    let mut echoed = 0;
    let (code, reason) = loop {
        match next_of(&rt, conn) {
            EventKind::Message(message) => {
                rt.send(conn, message).unwrap();
                echoed += 1;
            }
            EventKind::Disconnected { code, reason } => break (code, reason),
            other => panic!("unexpected {other:?}"),
        }
    };
    assert_eq!(echoed, 5);
    assert_eq!((code, reason.as_str()), close);
    let seen = client.json();
    assert_eq!(seen["echoes"], 5, "{seen}");
    assert_eq!(seen["subprotocol"], "chat");
    assert!(client.wait().0.success());
}

#[test]
fn python_websockets_client_against_our_server() {
    let mut python = python();
    python.arg(peer_script("client.py"));
    server_against(python, (4001, "bye from python"));
}

#[test]
fn node_ws_client_against_our_server() {
    let mut node = node();
    node.arg(peer_script("client.js"));
    server_against(node, (4002, "bye from node"));
}

#[test]
fn our_client_and_server_over_ipv6_loopback() {
    let rt = Runtime::new(Config::default());
    let port = rt.listen(0, 4, Duration::from_secs(5), ListenOptions::default()).unwrap().port;
    let client = rt.connect(&format!("ws://[::1]:{port}/six"), ConnectOptions::default()).unwrap();
    // Both ends' Connected events arrive, in either order.
    let (mut server, mut client_open) = (None, false);
    while server.is_none() || !client_open {
        let event = next(&rt);
        match event.kind {
            EventKind::Connected(Handshake::Server(request)) => {
                assert_eq!(request.peer.ip().to_string(), "::1");
                assert_eq!(request.resource, "/six");
                server = Some(event.conn);
            }
            EventKind::Connected(Handshake::Client { .. }) => client_open = event.conn == client,
            other => panic!("unexpected {other:?}"),
        }
    }
    let server = server.unwrap();
    rt.send(client, Message::text(b"over six".to_vec())).unwrap();
    assert_eq!(next_of(&rt, server), EventKind::Message(Message::text(b"over six".to_vec())));
    rt.disconnect(server, 1001, "").unwrap();
    assert_eq!(until_disconnected(&rt, client).0, (1001, String::new()));
}
