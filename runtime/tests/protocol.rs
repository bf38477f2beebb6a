//! The server speaks RFC 6455 to a hand-written client on a raw socket: a tolerant `Connection`
//! header, pings answered with pongs, fragmented messages reassembled, and the echo reported
//! with its kind.

mod common;

use common::*;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;
use wslua_runtime::{Config, EventKind, ListenOptions, Message, Runtime};

/// A masked client frame (mask key 1,2,3,4), payload under 126 bytes.
fn frame(fin: bool, opcode: u8, payload: &[u8]) -> Vec<u8> {
    assert!(payload.len() < 126);
    let key = [1u8, 2, 3, 4];
    let mut out = vec![(u8::from(fin) << 7) | opcode, 0x80 | payload.len() as u8];
    out.extend_from_slice(&key);
    out.extend(payload.iter().enumerate().map(|(i, b)| b ^ key[i % 4]));
    out
}

/// Reads one unmasked server frame with a short payload: (opcode, payload).
fn read_frame(socket: &mut TcpStream) -> (u8, Vec<u8>) {
    let mut head = [0u8; 2];
    socket.read_exact(&mut head).unwrap();
    assert_eq!(head[1] & 0x80, 0, "server frames are not masked");
    let mut payload = vec![0u8; (head[1] & 0x7f) as usize];
    socket.read_exact(&mut payload).unwrap();
    (head[0] & 0x0f, payload)
}

#[test]
fn tolerant_upgrade_pings_and_fragments() {
    let rt = Runtime::new(Config::default());
    let port = rt.listen(0, 4, Duration::from_secs(5), ListenOptions::default()).unwrap().port;
    let (mut socket, response) = raw_upgrade(
        port,
        b"GET /raw HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive, Upgrade\r\nUpgrade: websocket\r\n\
          Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
    );
    assert!(response.starts_with("HTTP/1.1 101"), "{response}");
    assert!(response.contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="), "the RFC 6455 sample accept key: {response}");
    let conn = next(&rt).conn;

    socket.write_all(&frame(true, 0x9, b"are you there")).unwrap();
    assert_eq!(read_frame(&mut socket), (0xA, b"are you there".to_vec()), "a pong with the ping's payload");

    // "Hello, " + (a ping between fragments) + "world" as one text message.
    socket.write_all(&frame(false, 0x1, b"Hello, ")).unwrap();
    socket.write_all(&frame(true, 0x9, b"")).unwrap();
    socket.write_all(&frame(true, 0x0, b"world")).unwrap();
    assert_eq!(next_of(&rt, conn), EventKind::Message(Message::text(b"Hello, world".to_vec())));
    assert_eq!(read_frame(&mut socket), (0xA, Vec::new()));

    rt.send(conn, Message::binary(vec![0, 255])).unwrap();
    assert_eq!(read_frame(&mut socket), (0x2, vec![0, 255]));

    socket.write_all(&frame(true, 0x8, &[0x0f, 0xa0, b'o', b'k'])).unwrap();
    assert_eq!(read_frame(&mut socket), (0x8, vec![0x0f, 0xa0, b'o', b'k']), "the close is echoed");
    assert_eq!(until_disconnected(&rt, conn).0, (4000, "ok".to_string()));
}
