//! The engine's hand-written code that reads bytes from the network, each behind one function
//! of bytes, for the coverage-guided fuzz targets of `fuzz/` (feature `fuzzing`). Each checks
//! what must hold whatever the bytes are; a panic (or a failed check) is a finding.

use crate::client::Target;
use crate::config::DeflateSettings;
use crate::config::{MAX_PROXY_RESPONSE_HEAD, MAX_RESPONSE_BODY};
use crate::fetch::HttpRequest;
use crate::protocol::deflate::{accept_offer, read_answer, Terms};
use crate::protocol::frames::deflate_stream::{Deflating, Inflating, Step};
use crate::protocol::frames::FrameStream;
use crate::protocol::handshake::{check, read_head};
use crate::protocol::headers::parse_headers;
use crate::protocol::response::read_body;
use crate::transport::proxy::{tunnel, ProxyServer};
use async_tungstenite::tungstenite::http::HeaderMap;
use async_tungstenite::tungstenite::protocol::Role;
use futures::io::{AsyncReadExt, Cursor};

/// The largest inflated message the frame targets allow (as a small `max_message_size`).
const MAX_MESSAGE: usize = 1 << 20;

/// The targets, by name: what `fuzz/fuzz_targets/NAME.rs` runs, and what the test suite replays
/// fuzz/corpus/NAME/ through.
pub const TARGETS: &[&str] = &[
    "frames",
    "deflate_round_trip",
    "upgrade_request",
    "refusal_body",
    "proxy_answer",
    "url_and_headers",
    "extension_headers",
];

/// Runs target `name` on one input.
pub fn run(name: &str, data: &[u8]) {
    let text = || std::str::from_utf8(data).ok();
    match name {
        "frames" => {
            // The first byte picks plain or compressed, and the client's offer.
            let Some((&choice, bytes)) = data.split_first() else { return };
            let offers = [
                "permessage-deflate",
                "permessage-deflate; client_max_window_bits=9",
                "permessage-deflate; client_no_context_takeover",
            ];
            frames(bytes, choice & 1 == 1, offers[usize::from(choice >> 1) % offers.len()]);
        }
        "deflate_round_trip" => {
            // The first byte picks the terms and the memLevel; the byte 0xfe separates the
            // messages, 0xfd too and releases the compressor's state between them (as an idle
            // connection does).
            let Some((&choice, rest)) = data.split_first() else { return };
            let mut messages = Vec::new();
            let mut release = false;
            for part in rest.split_inclusive(|b| *b == 0xfe || *b == 0xfd) {
                let (message, separator) = match part.split_last() {
                    Some((&sep @ (0xfe | 0xfd), message)) => (message, Some(sep)),
                    _ => (part, None),
                };
                messages.push((message.to_vec(), release));
                release = separator == Some(0xfd);
            }
            if rest.is_empty() || matches!(rest.last(), Some(0xfe | 0xfd)) {
                messages.push((Vec::new(), release));
            }
            deflate_round_trip(&messages, choice & 1 == 1, 9 + (choice >> 1) % 7, 1 + (choice >> 4) % 9);
        }
        "upgrade_request" => upgrade_request(data),
        "refusal_body" => refusal_body(data),
        "proxy_answer" => proxy_answer(data),
        "url_and_headers" => text().into_iter().for_each(url_and_headers),
        "extension_headers" => text().into_iter().for_each(extension_headers),
        other => panic!("no fuzz target {other}"),
    }
}

/// A server reading a client's frames from `bytes`, with permessage-deflate agreed when
/// `deflate` (the client's offer `offer`, as the server answers it), through the stream that
/// inflates them: every read ends, and nothing comes out larger than the limit allows.
fn frames(bytes: &[u8], deflate: bool, offer: &str) -> usize {
    let agreement = deflate.then(|| accept_offer([offer], DeflateSettings::default())).flatten();
    let mut stream = FrameStream::new(Cursor::new(bytes.to_vec()), Vec::new(), false);
    stream.activate(Role::Server, agreement.as_ref(), MAX_MESSAGE);
    let mut out = Vec::new();
    let mut buf = vec![0u8; 4096];
    futures::executor::block_on(async {
        while let Ok(n @ 1..) = stream.read(&mut buf).await {
            out.extend_from_slice(&buf[..n]);
            // Framing adds at most 14 bytes a frame: a bound far above what may come out.
            assert!(out.len() <= bytes.len().saturating_mul(1100) + MAX_MESSAGE * 2, "unbounded output");
        }
    });
    out.len()
}

/// Messages compressed by a server's sending side (`Deflating`), its state released before
/// those marked so, and read back by a client's receiving side (`Inflating`) with the same
/// terms: every message comes back as it was.
fn deflate_round_trip(messages: &[(Vec<u8>, bool)], no_context_takeover: bool, window_bits: u8, mem_level: u8) {
    let terms = Terms { no_context_takeover, max_window_bits: window_bits.clamp(9, 15) };
    let mut deflating = Deflating::new(terms, mem_level);
    let mut wire = Vec::new();
    for (message, release) in messages {
        if *release {
            deflating.release();
        }
        deflating.feed(&unmasked_frame(0x82, message), &mut wire).expect("deflating a message");
    }
    let mut inflating = Inflating::new(terms, Role::Client, usize::MAX);
    let (mut at, mut out) = (0, Vec::new());
    loop {
        match inflating.process(&mut wire, &mut at, &mut out) {
            Ok(Step::Prepared(true)) => {}
            Ok(Step::Prepared(false)) => break,
            Ok(Step::NotAFrame) => panic!("our own compressed frames read as no frame"),
            Err(fault) => panic!("our own compressed frames refused: {fault}"),
        }
    }
    let sent: Vec<&Vec<u8>> = messages.iter().map(|(message, _)| message).collect();
    assert_eq!(messages_of(&out).iter().collect::<Vec<_>>(), sent, "a message changed on its round trip");
}

/// An unmasked frame (server to client) with `first` as its first byte.
fn unmasked_frame(first: u8, payload: &[u8]) -> Vec<u8> {
    let mut frame = vec![first];
    match payload.len() {
        n if n < 126 => frame.push(n as u8),
        n if n <= 0xffff => {
            frame.push(126);
            frame.extend_from_slice(&(n as u16).to_be_bytes());
        }
        n => {
            frame.push(127);
            frame.extend_from_slice(&(n as u64).to_be_bytes());
        }
    }
    frame.extend_from_slice(payload);
    frame
}

/// The messages of unmasked frames: fragments joined, a message per FIN.
fn messages_of(mut bytes: &[u8]) -> Vec<Vec<u8>> {
    let (mut messages, mut current) = (Vec::new(), Vec::new());
    while bytes.len() >= 2 {
        let fin = bytes[0] & 0x80 != 0;
        let (len, header) = match bytes[1] & 0x7f {
            126 => (u16::from_be_bytes([bytes[2], bytes[3]]) as usize, 4),
            127 => (u64::from_be_bytes(bytes[2..10].try_into().unwrap()) as usize, 10),
            n => (n as usize, 2),
        };
        current.extend_from_slice(&bytes[header..header + len]);
        bytes = &bytes[header + len..];
        if fin {
            messages.push(std::mem::take(&mut current));
        }
    }
    messages
}

/// A client's answer to its compression offer (`Sec-WebSocket-Extensions` of a 101), and a
/// server's reading of an offer: agreed terms are within RFC 7692's bounds.
fn extension_headers(text: &str) {
    if let Some(agreement) = accept_offer([text], DeflateSettings::default()) {
        for terms in [agreement.send, agreement.receive] {
            assert!((8..=15).contains(&terms.max_window_bits), "{text:?}: {:?}", terms.max_window_bits);
        }
    }
    let _ = read_answer([text], true, DeflateSettings::default());
}

/// A server reading an upgrade request's head from `bytes` and checking it.
fn upgrade_request(bytes: &[u8]) {
    let mut stream = Cursor::new(bytes.to_vec());
    let head = futures::executor::block_on(read_head(&mut stream));
    if let crate::protocol::handshake::Head::Read(head) = head {
        if let Ok(upgrade) = check(&head) {
            assert!(upgrade.len <= head.len());
        }
    }
    let _ = check(bytes);
}

/// The body of a refused upgrade: a head from `bytes` (as httparse reads it), then the rest of
/// `bytes` as the body, read to its end as HTTP frames it, never past the limit.
fn refusal_body(bytes: &[u8]) {
    let mut headers = [httparse::EMPTY_HEADER; 32];
    let mut response = httparse::Response::new(&mut headers);
    let Ok(httparse::Status::Complete(len)) = response.parse(bytes) else { return };
    let mut map = HeaderMap::new();
    for header in response.headers.iter() {
        if let (Ok(name), Ok(value)) = (
            async_tungstenite::tungstenite::http::HeaderName::from_bytes(header.name.as_bytes()),
            async_tungstenite::tungstenite::http::HeaderValue::from_bytes(header.value),
        ) {
            map.append(name, value);
        }
    }
    let status = response.code.unwrap_or(200);
    let rest = &bytes[len..];
    let split = rest.len() / 2;
    let mut stream = Cursor::new(rest[split..].to_vec());
    let mut body = Vec::new();
    futures::executor::block_on(read_body(
        &mut stream,
        status,
        &map,
        rest[..split].to_vec(),
        &mut body,
        MAX_RESPONSE_BODY,
    ));
    assert!(body.len() <= MAX_RESPONSE_BODY);
}

/// A proxy's answer to `CONNECT`, from `bytes`: a tunnel or a refusal, and a head never read
/// past its limit.
fn proxy_answer(bytes: &[u8]) {
    let proxy = ProxyServer { host: "127.0.0.1".into(), port: 3128, authorization: None };
    let mut stream = Duplex { read: Cursor::new(bytes.to_vec()), written: Vec::new() };
    let _ = futures::executor::block_on(tunnel(&mut stream, &proxy, "example.com", 443));
    assert!(stream.read.position() as usize <= bytes.len().min(MAX_PROXY_RESPONSE_HEAD + 1024));
}

/// A URL as `connect` and `http.request` read it, and custom headers as `connect` reads them.
fn url_and_headers(text: &str) {
    if let Ok(target) = Target::parse(text) {
        assert!(!target.host.is_empty(), "{text:?}");
    }
    let request = HttpRequest { url: text.to_string(), method: "GET".into(), ..HttpRequest::default() };
    let _ = crate::fetch::prepare(&request, &crate::config::Config::default());
    let _ = parse_headers(text);
}

/// Reads from a cursor; what is written is kept.
struct Duplex {
    read: Cursor<Vec<u8>>,
    written: Vec<u8>,
}

impl futures::io::AsyncRead for Duplex {
    fn poll_read(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &mut [u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        std::pin::Pin::new(&mut self.read).poll_read(cx, buf)
    }
}

impl futures::io::AsyncWrite for Duplex {
    fn poll_write(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
        buf: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        self.written.extend_from_slice(buf);
        std::task::Poll::Ready(Ok(buf.len()))
    }

    fn poll_flush(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::task::Poll::Ready(Ok(()))
    }

    fn poll_close(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::task::Poll::Ready(Ok(()))
    }
}
