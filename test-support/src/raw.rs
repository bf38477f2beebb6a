//! Websocket bytes written and read by hand, to say what a well-behaved peer never would.

use std::io::Read;
use std::net::TcpStream;

/// An upgrade request for `/adversary`.
pub const UPGRADE: &[u8] = b"GET /adversary HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";

/// [`UPGRADE`] offering permessage-deflate.
pub fn deflate_upgrade() -> Vec<u8> {
    let upgrade = String::from_utf8(UPGRADE.to_vec()).unwrap();
    upgrade.replacen("\r\n\r\n", "\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n", 1).into_bytes()
}

/// Reads an HTTP response head, byte by byte so nothing after it is taken.
pub fn read_head(socket: &mut TcpStream) -> String {
    let mut head = Vec::new();
    while !head.ends_with(b"\r\n\r\n") {
        let mut byte = [0u8; 1];
        if socket.read(&mut byte).unwrap_or(0) == 0 {
            panic!("the server closed without an answer after {:?}", String::from_utf8_lossy(&head));
        }
        head.push(byte[0]);
    }
    String::from_utf8_lossy(&head).into_owned()
}

/// Reads an HTTP response head; returns its status.
pub fn status_of(socket: &mut TcpStream) -> u16 {
    let text = read_head(socket);
    text.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("not a response: {text}"))
}

/// `data` as a permessage-deflate message payload (RFC 7692 7.2.1).
pub fn deflated(data: &[u8]) -> Vec<u8> {
    let mut compress = flate2::Compress::new(flate2::Compression::default(), false);
    let mut out = Vec::with_capacity(data.len() / 100 + 1024);
    while compress.total_in() < data.len() as u64 || out.len() == out.capacity() {
        out.reserve(64 << 10);
        let done = compress.total_in() as usize;
        compress.compress_vec(&data[done..], &mut out, flate2::FlushCompress::Sync).unwrap();
    }
    assert!(out.ends_with(&[0, 0, 0xff, 0xff]));
    out.truncate(out.len() - 4);
    out
}

/// A client frame: `first` is the FIN/RSV/opcode byte; masked unless `unmasked`.
pub fn frame(first: u8, payload: &[u8], unmasked: bool) -> Vec<u8> {
    let mut out = vec![first];
    let mask_bit = if unmasked { 0 } else { 0x80 };
    match payload.len() {
        n if n < 126 => out.push(mask_bit | n as u8),
        n if n < 65536 => {
            out.push(mask_bit | 126);
            out.extend_from_slice(&(n as u16).to_be_bytes());
        }
        n => {
            out.push(mask_bit | 127);
            out.extend_from_slice(&(n as u64).to_be_bytes());
        }
    }
    if unmasked {
        out.extend_from_slice(payload);
    } else {
        let key = [0x37, 0xfa, 0x21, 0x3d];
        out.extend_from_slice(&key);
        out.extend(payload.iter().enumerate().map(|(i, b)| b ^ key[i % 4]));
    }
    out
}

/// Reads one server frame: its first byte (FIN, RSV, opcode) and payload.
pub fn read_frame(socket: &mut TcpStream) -> Option<(u8, Vec<u8>)> {
    let mut head = [0u8; 2];
    socket.read_exact(&mut head).ok()?;
    let mut len = u64::from(head[1] & 0x7f);
    if len == 126 {
        let mut b = [0u8; 2];
        socket.read_exact(&mut b).ok()?;
        len = u64::from(u16::from_be_bytes(b));
    } else if len == 127 {
        let mut b = [0u8; 8];
        socket.read_exact(&mut b).ok()?;
        len = u64::from_be_bytes(b);
    }
    let mut payload = vec![0u8; len as usize];
    socket.read_exact(&mut payload).ok()?;
    Some((head[0], payload))
}

/// Reads server frames until a close frame; returns its code (None: closed without one).
pub fn close_code(socket: &mut TcpStream) -> Option<u16> {
    loop {
        let (first, payload) = read_frame(socket)?;
        if first & 0x0f == 0x8 {
            return payload.get(..2).map(|c| u16::from_be_bytes([c[0], c[1]]));
        }
    }
}
