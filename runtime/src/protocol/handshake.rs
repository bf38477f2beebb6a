//! The server's first look at an upgrade request, before tungstenite's: bounded in size and
//! header count, and a request that is not a websocket upgrade gets an HTTP error answer
//! (tungstenite would only drop the connection) instead of silence.

use crate::config::{MAX_REQUEST_HEAD, MAX_REQUEST_HEADERS};
use crate::protocol::headers::join_headers;
use async_tungstenite::tungstenite::http::StatusCode;
use futures::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

/// Why a request is refused: the status and a short explanation for the body.
#[derive(Debug, PartialEq)]
pub struct Refusal {
    pub status: u16,
    pub detail: String,
}

fn refusal(status: u16, detail: impl Into<String>) -> Refusal {
    Refusal { status, detail: detail.into() }
}

/// A websocket upgrade request, as [`check`] found it.
#[derive(Debug, PartialEq)]
pub struct Upgrade {
    /// Where the head ends: any bytes after it are frames the client sent without waiting.
    pub len: usize,
    pub method: String,
    /// Path and query.
    pub resource: String,
    /// As [`crate::protocol::headers::join_headers`] gives them.
    pub headers: Vec<(String, String)>,
    /// The subprotocols offered, in the client's order.
    pub protocols: Vec<String>,
}

/// What reading a request head came to.
pub enum Head {
    /// Everything read: the head and whatever followed it, complete or already malformed.
    Read(Vec<u8>),
    /// The peer closed, or the socket failed, before a head arrived.
    Gone,
    /// Past [`MAX_REQUEST_HEAD`] without a complete head: answer 431.
    TooLarge(Refusal),
}

/// Reads until the request head is complete or cannot be one.
pub async fn read_head<S: AsyncRead + Unpin>(stream: &mut S) -> Head {
    // Read straight into the buffer: a chunk array here would be part of every connection's
    // task, for its whole life.
    let mut buffer = Vec::new();
    loop {
        let len = buffer.len();
        buffer.resize(len + 4096, 0);
        let n = match stream.read(&mut buffer[len..]).await {
            Ok(0) | Err(_) => return Head::Gone,
            Ok(n) => n,
        };
        buffer.truncate(len + n);
        // Complete, or already malformed (garbage need not wait for a blank line): let `check` judge.
        let mut headers = [httparse::EMPTY_HEADER; MAX_REQUEST_HEADERS];
        if !matches!(httparse::Request::new(&mut headers).parse(&buffer), Ok(httparse::Status::Partial)) {
            return Head::Read(buffer);
        }
        if buffer.len() > MAX_REQUEST_HEAD {
            let detail = format!("the request head is over {MAX_REQUEST_HEAD} bytes");
            return Head::TooLarge(refusal(431, detail));
        }
    }
}

/// Checks that `head` is a websocket upgrade request (RFC 6455 4.2.1), and reads it.
pub fn check(head: &[u8]) -> Result<Upgrade, Refusal> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_REQUEST_HEADERS];
    let mut request = httparse::Request::new(&mut headers);
    let len = match request.parse(head) {
        Ok(httparse::Status::Complete(len)) => len,
        Ok(httparse::Status::Partial) => return Err(refusal(400, "incomplete request")),
        Err(httparse::Error::TooManyHeaders) => {
            return Err(refusal(431, format!("more than {MAX_REQUEST_HEADERS} headers")))
        }
        Err(e) => return Err(refusal(400, format!("malformed request: {e}"))),
    };
    if request.version != Some(1) {
        return Err(refusal(400, "a websocket upgrade needs HTTP/1.1"));
    }
    if request.method != Some("GET") {
        return Err(refusal(405, "a websocket upgrade is a GET request"));
    }
    let headers = join_headers(request.headers.iter().map(|h| (h.name, h.value)));
    let header = |name: &str| headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.trim());
    let has_token = |name: &str, token: &str| {
        header(name).is_some_and(|v| v.split(',').any(|t| t.trim().eq_ignore_ascii_case(token)))
    };
    if !has_token("upgrade", "websocket") || !has_token("connection", "upgrade") {
        return Err(refusal(400, "not a websocket upgrade (Upgrade: websocket, Connection: Upgrade)"));
    }
    if header("sec-websocket-version") != Some("13") {
        return Err(refusal(426, "only Sec-WebSocket-Version 13 is supported"));
    }
    if !is_nonce(header("sec-websocket-key").unwrap_or_default()) {
        return Err(refusal(400, "Sec-WebSocket-Key must be 16 bytes in base64"));
    }
    let protocols = header("sec-websocket-protocol")
        .into_iter()
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect();
    Ok(Upgrade {
        len,
        method: request.method.unwrap_or_default().to_string(),
        resource: request.path.unwrap_or("/").to_string(),
        protocols,
        headers,
    })
}

/// 16 bytes in base64: 22 base64 characters and "==".
fn is_nonce(key: &str) -> bool {
    key.len() == 24
        && key.ends_with("==")
        && key[..22].bytes().all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
}

/// The reason phrase of an HTTP status.
pub fn reason(status: u16) -> &'static str {
    StatusCode::from_u16(status).ok().and_then(|s| s.canonical_reason()).unwrap_or("Refused")
}

/// Answers with `status` and a plain text `body`, and closes.
pub async fn respond<S: AsyncWrite + Unpin>(stream: &mut S, status: u16, body: &[u8]) {
    let reason = reason(status);
    let version = if status == 426 { "Sec-WebSocket-Version: 13\r\n" } else { "" };
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n{version}Content-Length: {}\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(&[head.as_bytes(), body].concat()).await;
    let _ = stream.close().await;
}

/// A stream that first gives back bytes already read from it, so tungstenite sees the request.
pub struct Replay<S> {
    read: Vec<u8>,
    at: usize,
    inner: S,
}

impl<S> Replay<S> {
    pub fn new(read: Vec<u8>, inner: S) -> Self {
        Replay { read, at: 0, inner }
    }

    pub fn inner_mut(&mut self) -> &mut S {
        &mut self.inner
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Replay<S> {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut [u8]) -> Poll<io::Result<usize>> {
        if self.at < self.read.len() {
            let n = buf.len().min(self.read.len() - self.at);
            buf[..n].copy_from_slice(&self.read[self.at..self.at + n]);
            self.at += n;
            if self.at == self.read.len() {
                self.read = Vec::new();
                self.at = 0;
            }
            return Poll::Ready(Ok(n));
        }
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Replay<S> {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_close(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_close(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::check;

    const GOOD: &str = "GET /x HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: keep-alive, Upgrade\r\n\
                        Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";

    #[test]
    fn accepts_an_upgrade_and_refuses_the_rest_with_the_right_status() {
        let upgrade = check(GOOD.as_bytes()).unwrap();
        assert_eq!((upgrade.len, upgrade.method.as_str(), upgrade.resource.as_str()), (GOOD.len(), "GET", "/x"));
        assert_eq!(upgrade.headers[2], ("connection".to_string(), "keep-alive, Upgrade".to_string()));
        assert!(upgrade.protocols.is_empty());
        let offering =
            GOOD.replacen("Host: h", "Sec-WebSocket-Protocol: v1, v2\r\nHost: h\r\nsec-websocket-protocol: v3", 1);
        assert_eq!(check(offering.as_bytes()).unwrap().protocols, ["v1", "v2", "v3"], "every offer, in order");
        let with_a_frame = [GOOD.as_bytes(), &[0x81, 0x80, 1, 2, 3, 4]].concat();
        assert_eq!(check(&with_a_frame).unwrap().len, GOOD.len(), "the head ends where the frame starts");
        for (from, to, status) in [
            ("GET /x HTTP/1.1", "GARBAGE", 400),
            ("HTTP/1.1", "HTTP/1.0", 400),
            ("GET", "POST", 405),
            ("Upgrade: websocket", "Upgrade: h2c", 400),
            ("keep-alive, Upgrade", "keep-alive", 400),
            ("Version: 13", "Version: 8", 426),
            ("dGhlIHNhbXBsZSBub25jZQ==", "short", 400),
            ("Host: h", "Host h", 400),
        ] {
            let request = GOOD.replacen(from, to, 1);
            assert_eq!(check(request.as_bytes()).map_err(|r| r.status), Err(status), "{from} -> {to}");
        }
        let crowded = GOOD.replacen("Host: h\r\n", &"X-A: b\r\n".repeat(65), 1);
        assert_eq!(check(crowded.as_bytes()).map_err(|r| r.status), Err(431));
    }
}
