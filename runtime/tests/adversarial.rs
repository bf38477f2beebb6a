//! Hostile clients against the server, on raw TCP: each malformed request gets its HTTP status,
//! each protocol violation its close code (RFC 6455 7.4.1), only on that connection; after every
//! case a bystander connection still echoes and the server still accepts.

mod common;

use common::raw::*;
use common::*;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;
use wslua_runtime::{Config, ConnId, ConnectOptions, EventKind, Handshake, ListenOptions, Message, Runtime};

/// An echo server on its own thread, and a bystander client connected to it.
struct Setup {
    port: u16,
    client: Runtime,
    bystander: ConnId,
}

impl Setup {
    fn new() -> Setup {
        Setup::with(Config { max_message_size: 1 << 20, ..Config::default() })
    }

    fn with(config: Config) -> Setup {
        let server = Runtime::new(config);
        let port = server.listen(0, 64, Duration::from_secs(2), ListenOptions::default()).unwrap().port;
        std::thread::spawn(move || loop {
            let Some(event) = server.next_event(None) else { continue };
            if let EventKind::Message(message) = event.kind {
                let _ = server.send(event.conn, message);
            }
        });
        let client = Runtime::new(Config::default());
        let bystander = client.connect(&format!("ws://127.0.0.1:{port}/bystander"), ConnectOptions::default()).unwrap();
        assert!(matches!(
            client.next_event(Some(WAIT)).map(|e| e.kind),
            Some(EventKind::Connected(Handshake::Client { .. }))
        ));
        Setup { port, client, bystander }
    }

    /// The bystander still gets its echo.
    fn bystander_works(&self, case: &str) {
        let payload = format!("still fine after {case}").into_bytes();
        self.client.send(self.bystander, Message::text(payload.clone())).unwrap();
        let event = self.client.next_event(Some(WAIT)).unwrap_or_else(|| panic!("{case}: the bystander got nothing"));
        assert_eq!(event.kind, EventKind::Message(Message::text(payload)), "{case}");
    }

    fn connect(&self) -> TcpStream {
        let socket = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        socket.set_read_timeout(Some(WAIT)).unwrap();
        socket
    }

    /// A raw connection past the handshake.
    fn upgraded(&self) -> TcpStream {
        let mut socket = self.connect();
        socket.write_all(UPGRADE).unwrap();
        assert_eq!(status_of(&mut socket), 101);
        socket
    }

    /// The same, having offered permessage-deflate (the server must agree).
    fn upgraded_deflate(&self) -> TcpStream {
        let mut socket = self.connect();
        socket.write_all(&deflate_upgrade()).unwrap();
        let head = read_head(&mut socket);
        assert!(head.starts_with("HTTP/1.1 101"), "{head}");
        assert!(head.to_ascii_lowercase().contains("sec-websocket-extensions: permessage-deflate"), "{head}");
        socket
    }

    /// Each case's bytes on a connection of its own, opened by `open`: the server closes it with
    /// the case's code, and the bystander still works.
    fn each_closes_with_its_code(&self, cases: Vec<(&str, Vec<u8>, u16)>, open: fn(&Setup) -> TcpStream) {
        for (case, bytes, code) in cases {
            let mut socket = open(self);
            let _ = socket.write_all(&bytes); // the server may close before all is sent
            assert_eq!(close_code(&mut socket), Some(code), "{case}");
            self.bystander_works(case);
        }
    }
}

#[test]
fn malformed_upgrade_requests_get_their_http_status() {
    let setup = Setup::new();
    let upgrade = String::from_utf8(UPGRADE.to_vec()).unwrap();
    let cases: Vec<(&str, Vec<u8>, u16)> = vec![
        ("a malformed request line", b"GET\r\n\r\n".to_vec(), 400),
        ("garbage bytes", (0..=255u8).cycle().take(2000).collect(), 400),
        ("a malformed header", upgrade.replacen("Host: x", "Host x", 1).into_bytes(), 400),
        ("HTTP/1.0", upgrade.replacen("HTTP/1.1", "HTTP/1.0", 1).into_bytes(), 400),
        ("POST", upgrade.replacen("GET", "POST", 1).into_bytes(), 405),
        ("no Upgrade header", upgrade.replacen("Upgrade: websocket\r\n", "", 1).into_bytes(), 400),
        (
            "no Sec-WebSocket-Key",
            upgrade.replacen("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n", "", 1).into_bytes(),
            400,
        ),
        ("a key that is not 16 bytes", upgrade.replacen("dGhlIHNhbXBsZSBub25jZQ==", "c2hvcnQ=", 1).into_bytes(), 400),
        ("no Sec-WebSocket-Version", upgrade.replacen("Sec-WebSocket-Version: 13\r\n", "", 1).into_bytes(), 426),
        ("version 8", upgrade.replacen("Version: 13", "Version: 8", 1).into_bytes(), 426),
        ("100 headers", upgrade.replacen("Host: x\r\n", &"X-Filler: y\r\n".repeat(100), 1).into_bytes(), 431),
        (
            "a 64 KiB header",
            upgrade.replacen("Host: x", &format!("X-Big: {}", "a".repeat(64 << 10)), 1).into_bytes(),
            431,
        ),
    ];
    for (case, request, status) in cases {
        let mut socket = setup.connect();
        let _ = socket.write_all(&request); // the server may answer and close before all is sent
        assert_eq!(status_of(&mut socket), status, "{case}");
        setup.bystander_works(case);
    }
    // A request written one byte at a time is still a request.
    let mut socket = setup.connect();
    for byte in UPGRADE {
        socket.write_all(&[*byte]).unwrap();
    }
    assert_eq!(status_of(&mut socket), 101, "one byte at a time");
    setup.bystander_works("one byte at a time");
}

#[test]
fn protocol_violations_close_only_that_connection_with_their_code() {
    let setup = Setup::new();
    let close = |code: u16| frame(0x88, &code.to_be_bytes(), false);
    let cases: Vec<(&str, Vec<u8>, u16)> = vec![
        ("an unmasked client frame", frame(0x81, b"hi", true), 1002),
        ("reserved data opcode 3", frame(0x83, b"x", false), 1002),
        ("reserved control opcode 0xB", frame(0x8B, b"", false), 1002),
        ("RSV1 without an extension", frame(0xC1, b"x", false), 1002),
        ("RSV3 set", frame(0x91, b"x", false), 1002),
        ("a ping over 125 bytes", frame(0x89, &[0; 126], false), 1002),
        ("a fragmented ping", frame(0x09, b"x", false), 1002),
        ("a continuation without a start", frame(0x80, b"x", false), 1002),
        ("a new message inside a fragmented one", [frame(0x01, b"a", false), frame(0x81, b"b", false)].concat(), 1002),
        ("text that is not UTF-8", frame(0x81, b"ok \xff\xfe", false), 1007),
        (
            "invalid UTF-8 split across fragments",
            [frame(0x01, b"\xe2\x82", false), frame(0x80, b"\x28", false)].concat(),
            1007,
        ),
        ("close code 0", close(0), 1002),
        ("close code 999", close(999), 1002),
        ("close code 1004", close(1004), 1002),
        ("close code 1005", close(1005), 1002),
        ("close code 1006", close(1006), 1002),
        ("close code 5000", close(5000), 1002),
        ("a close payload of 1 byte", frame(0x88, &[3], false), 1002),
        (
            "a length of 2^63 - 1",
            [vec![0x82, 0xff], (u64::MAX >> 1).to_be_bytes().to_vec(), vec![1, 2, 3, 4]].concat(),
            1009,
        ),
        ("a message over max_message_size", frame(0x82, &vec![0; (1 << 20) + 1], false), 1009),
        ("garbage after the handshake", vec![0xff; 64], 1002),
    ];
    setup.each_closes_with_its_code(cases, Setup::upgraded);
}

/// The same promise with permessage-deflate agreed: compressed data that does not inflate, or
/// is not UTF-8 once inflated, or is too big once inflated, and RSV bits the extension does not
/// allow. A compressed message that is fine comes back compressed.
#[test]
fn compression_violations_close_only_that_connection_with_their_code() {
    let setup = Setup::with(Config { max_message_size: 1 << 20, compression: true, ..Config::default() });
    let mut socket = setup.upgraded_deflate();
    socket.write_all(&frame(0xC1, &deflated(b"compressed hello"), false)).unwrap();
    let (first, mut payload) = read_frame(&mut socket).expect("the echo");
    assert_eq!(first, 0xC1, "a final compressed text frame");
    payload.extend_from_slice(&[0, 0, 0xff, 0xff]);
    let mut text = Vec::with_capacity(64);
    flate2::Decompress::new(false).decompress_vec(&payload, &mut text, flate2::FlushDecompress::Sync).unwrap();
    assert_eq!(text, b"compressed hello");
    let cases: Vec<(&str, Vec<u8>, u16)> = vec![
        ("compressed data that does not inflate", frame(0xC1, &[0xff; 8], false), 1002),
        ("a compressed ping", frame(0xC9, b"x", false), 1002),
        (
            "RSV1 on a continuation frame",
            [frame(0x41, &deflated(b"ab"), false), frame(0xC0, &deflated(b"cd"), false)].concat(),
            1002,
        ),
        ("RSV2 on a compressed connection", frame(0xA1, b"x", false), 1002),
        ("text that is not UTF-8 once inflated", frame(0xC1, &deflated(b"ok \xff\xfe"), false), 1007),
        ("10 MiB of zeros, compressed, over a 1 MiB limit", frame(0xC2, &deflated(&vec![0; 10 << 20]), false), 1009),
    ];
    setup.each_closes_with_its_code(cases, Setup::upgraded_deflate);
}

#[test]
fn a_ping_flood_is_answered_and_hurts_nobody_else() {
    let setup = Setup::new();
    let mut socket = setup.upgraded();
    const PINGS: usize = 10_000;
    let writer = {
        let mut socket = socket.try_clone().unwrap();
        std::thread::spawn(move || {
            let ping = frame(0x89, b"flood", false);
            for _ in 0..PINGS {
                socket.write_all(&ping).unwrap();
            }
        })
    };
    let mut pongs = 0;
    while pongs < PINGS {
        let mut head = [0u8; 2];
        socket.read_exact(&mut head).unwrap();
        let mut payload = vec![0u8; usize::from(head[1] & 0x7f)];
        socket.read_exact(&mut payload).unwrap();
        assert_eq!((head[0] & 0x0f, payload.as_slice()), (0xA, &b"flood"[..]));
        pongs += 1;
    }
    writer.join().unwrap();
    setup.bystander_works("a ping flood");
    socket.write_all(&frame(0x88, &1000u16.to_be_bytes(), false)).unwrap();
    assert_eq!(close_code(&mut socket), Some(1000));
}

/// A client still writing a message over max_message_size when the server fails the connection
/// reads the server's 1009: the server drains what it is sent until the client closes, instead
/// of closing a socket with unread data (which makes the kernel reset the connection and can
/// destroy the close frame). 50 times in a row.
#[test]
fn a_client_still_writing_an_oversized_message_reads_its_1009() {
    let setup = Setup::new();
    let oversized = frame(0x82, &vec![0; 2 << 20], false);
    for round in 0..50 {
        let mut socket = setup.upgraded();
        // As a simple client does: write the whole message, then read the answer.
        let written = socket.write_all(&oversized);
        assert!(written.is_ok(), "round {round}: the connection was reset while writing: {written:?}");
        assert_eq!(close_code(&mut socket), Some(1009), "round {round}: no close frame read");
    }
    setup.bystander_works("50 oversized messages");
}
