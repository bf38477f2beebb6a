//! The stream between the socket and tungstenite. It stops a client's reads at the end of the
//! HTTP head until the handshake is done ([`head`]), sizes a plain connection's socket reads to
//! its traffic ([`readahead`]), and carries permessage-deflate ([`deflate_stream`]); a
//! connection without the extension pays one branch per read and write.
//!
//! A flush with nothing written since the last one says the connection is idle
//! (`connection::write_all` makes it): the compressor's state, some 200 KiB, is given back
//! until the next message.

pub(crate) mod deflate_stream;
mod head;
mod readahead;

use crate::protocol::deflate::{Agreement, Fault};
use crate::protocol::frames::deflate_stream::{Deflating, Inflating, Step};
use crate::protocol::frames::head::HeadEnd;
use crate::protocol::frames::readahead::ReadAhead;
use async_tungstenite::tungstenite::protocol::Role;
use futures::io::{AsyncRead, AsyncWrite};
use futures::ready;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

/// Bytes read from the socket at a time on a compressed connection.
const READ: usize = 8 << 10;
/// Compressed bytes waiting for the socket past which writes wait.
const HIGH_WATER: usize = 64 << 10;

pub(crate) struct FrameStream<S> {
    inner: S,
    reader: Reader,
    writer: Writer,
}

impl<S> FrameStream<S> {
    /// A stream over `inner` whose first bytes are `read` (already taken from `inner`). With
    /// `head`, reads stop at the end of the HTTP head (a client's 101 response) until
    /// [`FrameStream::activate`], so that tungstenite's handshake takes no frame with it.
    pub fn new(inner: S, read: Vec<u8>, head: bool) -> FrameStream<S> {
        let mode = if head { ReadMode::Head(HeadEnd::default()) } else { ReadMode::Plain };
        FrameStream {
            inner,
            reader: Reader { raw: read, at: 0, out: Vec::new(), out_at: 0, mode, plain: ReadAhead::default() },
            writer: Writer { deflating: None, pending: Vec::new(), pending_at: 0, written: false },
        }
    }

    /// After the handshake: compress as `agreement` says (nothing passes through changed
    /// without one); `role` is this side's, `max_message` the inflated size that fails with 1009.
    pub fn activate(&mut self, role: Role, agreement: Option<&Agreement>, max_message: usize) {
        let Some(agreement) = agreement else {
            self.reader.mode = ReadMode::Plain;
            return;
        };
        self.reader.mode = ReadMode::Frames(Box::new(Inflating::new(agreement.receive, role, max_message)));
        self.writer.deflating = Some(Box::new(Deflating::new(agreement.send, agreement.mem_level)));
    }
}

enum ReadMode {
    /// Bytes pass up to the blank line that ends an HTTP head.
    Head(HeadEnd),
    /// Bytes pass as they are.
    Plain,
    Frames(Box<Inflating>),
}

struct Reader {
    /// Bytes from the socket not yet handled, from `at`.
    raw: Vec<u8>,
    at: usize,
    /// Bytes for tungstenite, from `out_at`.
    out: Vec<u8>,
    out_at: usize,
    mode: ReadMode,
    /// The socket reads in plain mode.
    plain: ReadAhead,
}

impl Reader {
    fn has_output(&self) -> bool {
        self.out_at < self.out.len()
    }

    /// Hands out prepared bytes.
    fn deliver(&mut self, buf: &mut [u8]) -> usize {
        let n = buf.len().min(self.out.len() - self.out_at);
        buf[..n].copy_from_slice(&self.out[self.out_at..self.out_at + n]);
        self.out_at += n;
        if self.out_at == self.out.len() {
            self.out.clear();
            self.out_at = 0;
        }
        n
    }

    /// Hands out raw bytes as they came, stopping after an HTTP head in `Head` mode.
    fn pass(&mut self, buf: &mut [u8]) -> usize {
        let mut n = buf.len().min(self.raw.len() - self.at);
        if let ReadMode::Head(head) = &mut self.mode {
            if let Some(end) = head.scan(&self.raw[self.at..self.at + n]) {
                n = end;
                self.mode = ReadMode::Plain;
            }
        }
        buf[..n].copy_from_slice(&self.raw[self.at..self.at + n]);
        self.at += n;
        if self.at == self.raw.len() && matches!(self.mode, ReadMode::Plain) {
            // What came with the handshake is handed out: the buffer is not needed again.
            self.raw = Vec::new();
            self.at = 0;
        }
        n
    }

    /// Turns raw bytes into frames for tungstenite; returns whether anything was prepared.
    fn process(&mut self) -> Result<bool, Fault> {
        let ReadMode::Frames(inflating) = &mut self.mode else { return Ok(false) };
        match inflating.process(&mut self.raw, &mut self.at, &mut self.out)? {
            Step::Prepared(prepared) => Ok(prepared),
            Step::NotAFrame => {
                self.mode = ReadMode::Plain;
                Ok(true)
            }
        }
    }

    /// Room for one more socket read.
    fn spare(&mut self) -> &mut [u8] {
        if self.at == self.raw.len() {
            self.raw.clear();
            self.at = 0;
        } else if self.at >= READ {
            self.raw.drain(..self.at);
            self.at = 0;
        }
        let len = self.raw.len();
        self.raw.resize(len + READ, 0);
        &mut self.raw[len..]
    }
}

struct Writer {
    deflating: Option<Box<Deflating>>,
    /// Bytes for the socket, from `pending_at`.
    pending: Vec<u8>,
    pending_at: usize,
    /// Whether anything was written since the last flush.
    written: bool,
}

impl<S: AsyncWrite + Unpin> FrameStream<S> {
    /// Writes out the pending bytes; ready when none are left.
    fn poll_pending(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let writer = &mut self.writer;
        while writer.pending_at < writer.pending.len() {
            let n = ready!(Pin::new(&mut self.inner).poll_write(cx, &writer.pending[writer.pending_at..]))?;
            if n == 0 {
                return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
            }
            writer.pending_at += n;
        }
        writer.pending.clear();
        writer.pending_at = 0;
        Poll::Ready(Ok(()))
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for FrameStream<S> {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut [u8]) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let reader = &mut this.reader;
        loop {
            if reader.has_output() {
                return Poll::Ready(Ok(reader.deliver(buf)));
            }
            if !matches!(reader.mode, ReadMode::Frames(_)) {
                if reader.at < reader.raw.len() {
                    return Poll::Ready(Ok(reader.pass(buf)));
                }
                if matches!(reader.mode, ReadMode::Plain) {
                    return reader.plain.read(&mut this.inner, cx, buf);
                }
                // The head is still arriving: read it here, so it can stop at its end.
            }
            match reader.process() {
                Ok(true) => continue,
                Ok(false) => {}
                Err(fault) => {
                    // Whatever follows is drained as it comes.
                    reader.mode = ReadMode::Plain;
                    return Poll::Ready(Err(fault.into_io()));
                }
            }
            let spare = reader.spare();
            let read = Pin::new(&mut this.inner).poll_read(cx, spare);
            let n = match &read {
                Poll::Ready(Ok(n)) => *n,
                _ => 0,
            };
            let len = reader.raw.len() - READ + n;
            reader.raw.truncate(len);
            match read {
                Poll::Ready(Ok(0)) => return Poll::Ready(Ok(0)),
                Poll::Ready(Ok(_)) => continue,
                Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for FrameStream<S> {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let Some(deflating) = &mut this.writer.deflating else {
            return Pin::new(&mut this.inner).poll_write(cx, buf);
        };
        if this.writer.pending.len() - this.writer.pending_at >= HIGH_WATER {
            ready!(this.poll_pending(cx))?;
            return Pin::new(this).poll_write(cx, buf);
        }
        deflating.feed(buf, &mut this.writer.pending)?;
        this.writer.written = true;
        // Start the socket on it; a full socket is waited for by the next write or flush.
        if let Poll::Ready(Err(e)) = this.poll_pending(cx) {
            return Poll::Ready(Err(e));
        }
        Poll::Ready(Ok(buf.len()))
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        ready!(this.poll_pending(cx))?;
        let writer = &mut this.writer;
        if let Some(deflating) = writer.deflating.as_mut().filter(|_| !writer.written) {
            deflating.release();
        }
        writer.written = false;
        Pin::new(&mut this.inner).poll_flush(cx)
    }

    fn poll_close(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        ready!(this.poll_pending(cx))?;
        Pin::new(&mut this.inner).poll_close(cx)
    }
}

#[cfg(test)]
mod tests {
    //! Bytes that came with the handshake are handed out first, then the socket's, once each and
    //! in order.

    use super::FrameStream;
    use futures::io::AsyncReadExt;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn every_byte_arrives_once_in_order(
            data in proptest::collection::vec(any::<u8>(), 0..300_000),
            size in 1usize..10_000,
            taken in 0usize..2_000,
        ) {
            // The first `taken` bytes came with the handshake.
            let taken = taken.min(data.len());
            let socket = futures::io::Cursor::new(data[taken..].to_vec());
            let mut stream = FrameStream::new(socket, data[..taken].to_vec(), false);
            let mut out = Vec::new();
            let mut buf = vec![0; size];
            futures::executor::block_on(async {
                while let Ok(n @ 1..) = stream.read(&mut buf).await {
                    out.extend_from_slice(&buf[..n]);
                }
            });
            prop_assert_eq!(out, data);
            prop_assert!(!stream.reader.plain.holds_a_buffer());
        }
    }
}
