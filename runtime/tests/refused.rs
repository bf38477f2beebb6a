//! A server that answers the upgrade with something other than 101: the error event carries its
//! status, every header and the body.

mod common;

use common::*;
use wslua_runtime::{Config, ConnectOptions, EventKind, FailureKind, Runtime};

#[test]
fn a_refused_handshake_reports_status_headers_and_body() {
    let body = "no websocket here\n";
    let (port, server) = answer_once(format!(
        "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nX-Why: testing\r\nX-Why: twice\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    ));
    let rt = Runtime::new(Config::default());
    let conn = rt.connect(&format!("ws://127.0.0.1:{port}/missing"), ConnectOptions::default()).unwrap();
    let EventKind::Error { kind, message, response: Some(response) } = next_of(&rt, conn) else {
        panic!("expected an error with a response")
    };
    assert_eq!(kind, FailureKind::Handshake);
    assert!(message.contains("404"), "{message}");
    assert_eq!(response.status, 404);
    assert_eq!(response.body, b"no websocket here\n");
    let header = |name: &str| response.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
    assert_eq!(header("x-why"), Some("testing, twice"));
    assert_eq!(header("content-type"), Some("text/plain"));
    assert!(matches!(next_of(&rt, conn), EventKind::Disconnected { code: 1006, .. }));
    server.join().unwrap();
}

#[test]
fn a_closed_port_fails_with_one_error_then_one_disconnect() {
    let rt = Runtime::new(Config::default());
    let closed = free_port();
    // By address and by name (localhost resolves from /etc/hosts, on loopback).
    for url in [format!("ws://127.0.0.1:{closed}/"), format!("ws://localhost:{closed}/")] {
        let conn = rt.connect(&url, ConnectOptions::default()).unwrap();
        assert!(matches!(next_of(&rt, conn), EventKind::Error { response: None, .. }), "{url}");
        assert!(matches!(next_of(&rt, conn), EventKind::Disconnected { code: 1006, .. }), "{url}");
    }
    assert!(rt.is_idle());
}
