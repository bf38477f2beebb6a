//! wss: a local TLS websocket server with a certificate from a CA made here. The certificate is
//! verified against the system store, or `SSL_CERT_FILE` when set; the host name must match.
//! One test, in order, because the certificate store is read from the environment.

mod common;

use common::*;
use std::time::Duration;
use wslua_runtime::{
    Config, ConnectOptions, Error, Event, EventKind, FailureKind, Handshake, ListenOptions, Message, Runtime,
    TlsClient, TlsFiles,
};

/// The message of a connection that fails in its TLS handshake.
fn error_of(rt: &Runtime, url: &str) -> String {
    let conn = rt.connect(url, ConnectOptions { timeout: Some(Duration::from_secs(5)), ..Default::default() }).unwrap();
    match next_of(rt, conn) {
        EventKind::Error { kind, message, .. } => {
            assert_eq!(kind, FailureKind::Tls, "{message}");
            assert!(matches!(next_of(rt, conn), EventKind::Disconnected { code: 1006, .. }));
            message.into()
        }
        other => panic!("{url}: expected an error, got {other:?}"),
    }
}

#[test]
fn wss_verifies_the_chain_and_the_host_name() {
    let dir = std::env::temp_dir().join(format!("wslua-tls-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    make_certificates(&dir, "DNS:localhost");
    let mut python = python();
    python.arg(peer_script("echo_server.py")).arg("--tls").arg(dir.join("server.pem")).arg(dir.join("server.key"));
    let mut server = Running::start(python);
    let port = server.port();
    let rt = Runtime::new(Config::default());

    // SAFETY (set_var/remove_var): this test binary runs this one test, so no thread reads the
    // environment concurrently except the runtime's, which is idle between connects.
    unsafe {
        std::env::remove_var("SSL_CERT_FILE");
        std::env::remove_var("SSL_CERT_DIR");
    }
    let unknown_ca = error_of(&rt, &format!("wss://localhost:{port}/"));
    assert!(unknown_ca.contains("certificate verify failed"), "{unknown_ca}");

    unsafe { std::env::set_var("SSL_CERT_FILE", dir.join("ca.pem")) };
    let conn = rt.connect(&format!("wss://localhost:{port}/secure"), ConnectOptions::default()).unwrap();
    assert!(matches!(next_of(&rt, conn), EventKind::Connected(Handshake::Client { .. })));
    rt.send(conn, Message::text(b"over tls".to_vec())).unwrap();
    assert_eq!(next_of(&rt, conn), EventKind::Message(Message::text(b"over tls".to_vec())));
    rt.disconnect(conn, 1000, "done").unwrap();
    assert_eq!(until_disconnected(&rt, conn).0, (1000, "done".to_string()));
    assert_eq!(server.json()["path"], "/secure");

    // The certificate names localhost, not 127.0.0.1.
    let wrong_name = error_of(&rt, &format!("wss://127.0.0.1:{port}/"));
    assert!(wrong_name.contains("certificate verify failed") && wrong_name.contains("mismatch"), "{wrong_name}");

    // Per connection, with the environment trusting nothing: the CA file and the name to check,
    // or no check at all.
    unsafe { std::env::remove_var("SSL_CERT_FILE") };
    let url = format!("wss://127.0.0.1:{port}/");
    let trusting =
        TlsClient { ca_file: Some(dir.join("ca.pem")), server_name: Some("localhost".into()), ..Default::default() };
    let unchecked = TlsClient { verify: false, ..Default::default() };
    for tls in [trusting, unchecked] {
        let conn = rt.connect(&url, ConnectOptions { tls: tls.clone(), ..Default::default() }).unwrap();
        assert!(matches!(next_of(&rt, conn), EventKind::Connected(Handshake::Client { .. })), "{tls:?}");
        rt.disconnect(conn, 1000, "").unwrap();
        until_disconnected(&rt, conn);
        server.json();
    }
    // Connections share a connector per trust, yet the CA file is read at each call: once it
    // holds another certificate than the CA's, the server is not trusted.
    let changing = dir.join("changing.pem");
    let through = |certificate: &str| {
        std::fs::copy(dir.join(certificate), &changing).unwrap();
        let tls =
            TlsClient { ca_file: Some(changing.clone()), server_name: Some("localhost".into()), ..Default::default() };
        rt.connect(&url, ConnectOptions { tls, ..Default::default() }).unwrap()
    };
    let conn = through("ca.pem");
    assert!(matches!(next_of(&rt, conn), EventKind::Connected(Handshake::Client { .. })));
    rt.disconnect(conn, 1000, "").unwrap();
    until_disconnected(&rt, conn);
    server.json();
    let conn = through("server.pem");
    match next_of(&rt, conn) {
        EventKind::Error { kind: FailureKind::Tls, message, .. } => {
            assert!(message.contains("verify failed"), "{message}")
        }
        other => panic!("a CA file without the CA: expected a TLS error, got {other:?}"),
    }
    until_disconnected(&rt, conn);
    let missing = TlsClient { ca_file: Some(dir.join("nowhere.pem")), ..Default::default() };
    let error = rt.connect(&url, ConnectOptions { tls: missing, ..Default::default() }).unwrap_err();
    assert!(matches!(&error, Error::Tls(m) if m.contains("nowhere.pem")), "{error}");

    // A server's files are checked by listen, which names the one at fault.
    let listen = |certificate: &str, key: &str| {
        let tls = Some(TlsFiles { certificate: dir.join(certificate), key: dir.join(key) });
        rt.listen(0, 1, Duration::from_secs(1), ListenOptions { tls, ..Default::default() })
    };
    let error = listen("server.pem", "absent.key").unwrap_err();
    assert!(matches!(&error, Error::Tls(m) if m.contains("absent.key")), "{error}");
    let error = listen("server.pem", "ca.key").unwrap_err();
    assert!(matches!(&error, Error::Tls(m) if m.contains("ca.key") && m.contains("server.pem")), "{error}");
    let served = listen("server.pem", "server.key").unwrap();
    let client = rt.connect(
        &format!("wss://localhost:{}/", served.port),
        ConnectOptions {
            tls: TlsClient { ca_file: Some(dir.join("ca.pem")), ..Default::default() },
            ..Default::default()
        },
    );
    let client = client.unwrap();
    // Both sides connect, in either order: the client may read the 101 before the server's task
    // has reported its side.
    let mut accepted = None;
    for _ in 0..2 {
        match next(&rt) {
            Event { conn, kind: EventKind::Connected(Handshake::Server(_)) } => accepted = Some(conn),
            Event { conn, kind: EventKind::Connected(Handshake::Client { .. }) } if conn == client => {}
            other => panic!("expected both sides' Connected, got {other:?}"),
        }
    }
    let accepted = accepted.expect("the server's side connected");
    rt.send(client, Message::text(b"to a wss server".to_vec())).unwrap();
    assert_eq!(next_of(&rt, accepted), EventKind::Message(Message::text(b"to a wss server".to_vec())));
    rt.stop_listening(None);
    until_disconnected(&rt, client);
    std::fs::remove_dir_all(&dir).unwrap();
}
