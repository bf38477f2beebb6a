//! The body of an HTTP response that refused a websocket upgrade, read to its end as HTTP/1.1
//! frames it (RFC 9112 6.3): `Content-Length` bytes, a chunked body decoded, or everything
//! until the peer closes. Servers often write the head and the body in separate segments, so
//! what came with the head is rarely all of it.

use async_tungstenite::tungstenite::http::HeaderMap;
use futures::io::{AsyncRead, AsyncReadExt};

/// Reads the rest of the body into `body`, which starts as what arrived with the head (`read`,
/// still chunk-encoded when the body is chunked), up to `limit` bytes. Progress is kept in `body`
/// as it arrives, so a caller that stops waiting still has what came.
pub async fn read_body<S: AsyncRead + Unpin>(
    stream: &mut S,
    status: u16,
    headers: &HeaderMap,
    read: Vec<u8>,
    body: &mut Vec<u8>,
    limit: usize,
) {
    body.clear();
    if matches!(status, 100..=199 | 204 | 304) {
        return;
    }
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim);
    let chunked = header("transfer-encoding").is_some_and(|v| v.to_ascii_lowercase().ends_with("chunked"));
    if chunked {
        return read_chunked(stream, read, body, limit).await;
    }
    let length = header("content-length").and_then(|v| v.parse::<usize>().ok());
    let want = length.map_or(limit, |length| length.min(limit));
    body.extend_from_slice(&read[..read.len().min(want)]);
    // On the heap, as every buffer of a connection's task (see crate::protocol::handshake::read_head).
    let mut chunk = vec![0u8; 4096];
    while body.len() < want {
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => body.extend_from_slice(&chunk[..n.min(want - body.len())]),
        }
    }
}

/// Decodes `Transfer-Encoding: chunked` as the bytes arrive: each chunk's data goes to `body` as
/// soon as it is read, up to `limit`.
async fn read_chunked<S: AsyncRead + Unpin>(stream: &mut S, mut raw: Vec<u8>, body: &mut Vec<u8>, limit: usize) {
    // Bytes of the current chunk's data still to come; None while a size line is awaited.
    let mut left: Option<u64> = None;
    let mut chunk = vec![0u8; 4096];
    loop {
        match left {
            None => match httparse::parse_chunk_size(&raw) {
                // The last chunk (size 0): trailers are not kept.
                Ok(httparse::Status::Complete((_, 0))) => return,
                Ok(httparse::Status::Complete((used, size))) => {
                    raw.drain(..used);
                    left = Some(size);
                    continue;
                }
                Ok(httparse::Status::Partial) => {}
                Err(_) => return,
            },
            Some(0) if raw.len() >= 2 => {
                // The CRLF after a chunk's data.
                raw.drain(..2);
                left = None;
                continue;
            }
            Some(0) => {}
            Some(size) if !raw.is_empty() => {
                let take = raw.len().min(usize::try_from(size).unwrap_or(usize::MAX));
                let room = limit.saturating_sub(body.len());
                body.extend_from_slice(&raw[..take.min(room)]);
                raw.drain(..take);
                left = Some(size - take as u64);
                if body.len() >= limit {
                    return;
                }
                continue;
            }
            Some(_) => {}
        }
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => raw.extend_from_slice(&chunk[..n]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::read_body;
    use async_tungstenite::tungstenite::http::HeaderMap;

    fn body_of(headers: &[(&'static str, &str)], head_tail: &[u8], rest: &[u8], limit: usize) -> Vec<u8> {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            map.insert(*name, value.parse().unwrap());
        }
        let mut body = Vec::new();
        let mut stream = futures::io::Cursor::new(rest.to_vec());
        futures::executor::block_on(read_body(&mut stream, 403, &map, head_tail.to_vec(), &mut body, limit));
        body
    }

    #[test]
    fn reads_each_framing_to_its_end_and_no_further() {
        assert_eq!(body_of(&[("content-length", "5")], b"he", b"lloEXTRA", 100), b"hello");
        assert_eq!(body_of(&[], b"to ", b"the end", 100), b"to the end");
        let chunked = [("transfer-encoding", "chunked")];
        assert_eq!(body_of(&chunked, b"3\r\nabc\r", b"\n4;x=y\r\ndefg\r\n0\r\nT: 1\r\n\r\n", 100), b"abcdefg");
        assert_eq!(body_of(&chunked, b"", b"10\r\n0123456789abcdef\r\n0\r\n\r\n", 100), b"0123456789abcdef");
    }

    #[test]
    fn stops_at_the_limit_and_keeps_what_came_of_a_cut_body() {
        assert_eq!(body_of(&[("content-length", "1000")], b"", &[7; 1000], 10), [7; 10]);
        assert_eq!(body_of(&[], b"", &[7; 1000], 10), [7; 10]);
        assert_eq!(
            body_of(&[("transfer-encoding", "chunked")], b"", b"8\r\n01234567\r\n8\r\n89abcdef\r\n0\r\n\r\n", 10),
            b"0123456789"
        );
        // The peer closed early: what came is the body.
        assert_eq!(body_of(&[("content-length", "1000")], b"0123", b"456789", 100), b"0123456789");
        assert_eq!(body_of(&[("transfer-encoding", "chunked")], b"a\r\n01234", b"", 100), b"01234");
    }
}
