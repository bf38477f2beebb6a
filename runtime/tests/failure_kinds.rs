//! Every way connecting can fail names its kind (`data.error_kind` in Lua), each seen against a
//! real cause on loopback: a closed port, a name that does not resolve, a proxy that refuses or
//! is not there, a server that never answers. (A refused handshake: refused.rs; an untrusted
//! certificate: tls.rs.)

mod common;

use common::*;
use std::net::TcpListener;
use std::time::Duration;
use wslua_runtime::{Config, ConnectOptions, EventKind, FailureKind, Proxy, Runtime};

/// The kind and message of a connection that fails, after checking that Disconnected follows.
fn failure(rt: &Runtime, url: &str, options: ConnectOptions) -> (FailureKind, String) {
    let conn = rt.connect(url, options).unwrap();
    let EventKind::Error { kind, message, .. } = next_of(rt, conn) else { panic!("{url}: expected an error") };
    assert!(matches!(next_of(rt, conn), EventKind::Disconnected { code: 1006, .. }), "{url}");
    (kind, message.into())
}

#[test]
fn a_closed_port_is_tcp() {
    let rt = Runtime::new(Config::default());
    let (kind, message) = failure(&rt, &format!("ws://127.0.0.1:{}/", free_port()), ConnectOptions::default());
    assert_eq!(kind, FailureKind::Tcp, "{message}");
    assert!(message.contains("refused"), "{message}");
}

#[test]
fn a_name_that_does_not_resolve_is_dns() {
    let rt = Runtime::new(Config::default());
    // .invalid never resolves (RFC 6761).
    let (kind, message) = failure(&rt, "ws://no-such-host.invalid/", ConnectOptions::default());
    assert_eq!(kind, FailureKind::Dns, "{message}");
    assert!(message.contains("cannot resolve 'no-such-host.invalid'"), "{message}");
}

#[test]
fn a_server_that_never_answers_is_a_timeout() {
    // The kernel completes the TCP handshake from the listen backlog; nothing ever reads.
    let silent = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = silent.local_addr().unwrap().port();
    let rt = Runtime::new(Config::default());
    let options = ConnectOptions { timeout: Some(Duration::from_millis(300)), ..Default::default() };
    let (kind, message) = failure(&rt, &format!("ws://127.0.0.1:{port}/"), options);
    assert_eq!(kind, FailureKind::Timeout, "{message}");
    assert!(message.contains("timed out after 300 ms"), "{message}");
}

#[test]
fn a_proxy_that_refuses_or_is_not_there_is_proxy() {
    let (proxy_port, refusing) = answer_once("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n".into());
    let rt = Runtime::new(Config::default());
    let through = |port: u16| ConnectOptions {
        proxy: Proxy::Url(format!("http://127.0.0.1:{port}")),
        timeout: Some(Duration::from_secs(5)),
        ..Default::default()
    };
    let (kind, message) = failure(&rt, "ws://example.test/", through(proxy_port));
    assert_eq!(kind, FailureKind::Proxy, "{message}");
    assert!(message.contains("403"), "{message}");
    refusing.join().unwrap();
    let (kind, message) = failure(&rt, "ws://example.test/", through(free_port()));
    assert_eq!(kind, FailureKind::Proxy, "{message}");
    assert!(message.contains("refused"), "{message}");
}
