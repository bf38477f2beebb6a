//! wss: a local TLS websocket server with a certificate from a CA made here. The certificate is
//! verified against the system store, or `SSL_CERT_FILE` when set; the host name must match.
//! One test, in order, because the certificate store is read from the environment.

mod common;

use common::*;
use std::path::Path;
use std::process::Command;
use std::time::Duration;
use wslua_runtime::{Config, ConnectOptions, EventKind, Message, Runtime};

fn openssl(dir: &Path, args: &[&str]) {
    // Its chatter is kept for a failure.
    let out = Command::new("openssl").args(args).current_dir(dir).output().expect("the openssl command is needed");
    assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// A CA, and a certificate it signed for the name `localhost` only.
fn make_certificates(dir: &Path) {
    std::fs::write(dir.join("ext"), "subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth\n").unwrap();
    let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
    openssl(
        dir,
        &[
            &["req", "-x509"][..],
            &ec,
            &["-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=wslua test CA"],
        ]
        .concat(),
    );
    openssl(
        dir,
        &[&["req"][..], &ec, &["-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost"]].concat(),
    );
    openssl(
        dir,
        &[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "server.pem",
            "-days",
            "2",
            "-extfile",
            "ext",
        ],
    );
}

fn error_of(rt: &Runtime, url: &str) -> String {
    let conn = rt.connect(url, ConnectOptions { timeout: Some(Duration::from_secs(5)), ..Default::default() }).unwrap();
    match next_of(rt, conn) {
        EventKind::Error { message, .. } => {
            assert!(matches!(next_of(rt, conn), EventKind::Disconnected { code: 1006, .. }));
            message
        }
        other => panic!("{url}: expected an error, got {other:?}"),
    }
}

#[test]
fn wss_verifies_the_chain_and_the_host_name() {
    let dir = std::env::temp_dir().join(format!("wslua-tls-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    make_certificates(&dir);
    let mut python = python();
    python.arg(peer_script("echo_server.py")).arg("--tls").arg(dir.join("server.pem")).arg(dir.join("server.key"));
    let mut server = Peer::spawn(python);
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
    assert_eq!(next_of(&rt, conn), EventKind::Connected(None));
    rt.send(conn, Message::text(b"over tls".to_vec())).unwrap();
    assert_eq!(next_of(&rt, conn), EventKind::Message(Message::text(b"over tls".to_vec())));
    rt.disconnect(conn, 1000, "done").unwrap();
    assert_eq!(until_disconnected(&rt, conn).0, (1000, "done".to_string()));
    assert_eq!(server.json()["path"], "/secure");

    // The certificate names localhost, not 127.0.0.1.
    let wrong_name = error_of(&rt, &format!("wss://127.0.0.1:{port}/"));
    assert!(wrong_name.contains("certificate verify failed") && wrong_name.contains("mismatch"), "{wrong_name}");
    std::fs::remove_dir_all(&dir).unwrap();
}
