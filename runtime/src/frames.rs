//! The stream between the socket and tungstenite that carries permessage-deflate. tungstenite
//! fails any frame with RSV1 set and has no extension hook, so this layer finds the frames in
//! both directions with tungstenite's own header codec: a compressed message coming in is
//! inflated into plain frames (at most [`CHUNK`] bytes each, so a large message never sits here
//! whole), and each data frame going out is deflated and marked RSV1. Everything else passes
//! untouched, and a connection without the extension pays one branch per read and write.
//!
//! It also sizes the socket reads of every connection: tungstenite reads at most its small read
//! buffer at a time (small, because it is resident while a connection idles), which would make a
//! large message hundreds of system calls. When a read fills what tungstenite asked for, more is
//! likely waiting, and the next ones take up to [`AHEAD`] bytes here and hand them over from
//! memory; the connection gives the buffer up once the socket has been drained.

use crate::deflate::{Agreement, Deflater, Fault, Inflater, TAIL};
use async_tungstenite::tungstenite::protocol::frame::coding::{Data, OpCode};
use async_tungstenite::tungstenite::protocol::frame::FrameHeader;
use async_tungstenite::tungstenite::protocol::Role;
use futures::io::{AsyncRead, AsyncWrite};
use futures::ready;
use std::io::{self, Cursor};
use std::pin::Pin;
use std::task::{Context, Poll};

/// The most inflated bytes put in one frame for tungstenite.
const CHUNK: usize = 64 << 10;
/// Bytes read from the socket at a time on a compressed connection.
const READ: usize = 8 << 10;
/// Bytes read from the socket at a time while a plain connection is busy.
const AHEAD: usize = 128 << 10;
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
        let mode = if head { ReadMode::Head { matched: 0 } } else { ReadMode::Plain };
        FrameStream {
            inner,
            reader: Reader { raw: read, at: 0, out: Vec::new(), out_at: 0, mode, busy: false, ahead: None },
            writer: Writer { deflating: None, pending: Vec::new(), pending_at: 0 },
        }
    }

    /// After the handshake: compress as `agreement` says (nothing passes through changed
    /// without one); `role` is this side's, `max_message` the inflated size that fails with 1009.
    pub fn activate(&mut self, role: Role, agreement: Option<&Agreement>, max_message: usize) {
        let Some(agreement) = agreement else {
            self.reader.mode = ReadMode::Plain;
            return;
        };
        self.reader.mode = ReadMode::Frames(Box::new(Inflating {
            inflater: Inflater::new(agreement.receive),
            mask: (role == Role::Server).then_some([0; 4]),
            max_message,
            frame: None,
            message: None,
            inflated: Vec::new(),
        }));
        self.writer.deflating =
            Some(Box::new(Deflating { deflater: Deflater::new(agreement.send), header: Vec::new(), frame: None }));
    }
}

enum ReadMode {
    /// Bytes pass up to the blank line that ends an HTTP head (`matched` bytes of it seen).
    Head {
        matched: usize,
    },
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
    /// The last socket read filled what it asked for (plain mode): read ahead.
    busy: bool,
    ahead: Option<Ahead>,
}

/// Plain mode's read-ahead buffer, from `start` to `end`, kept while the socket is busy.
struct Ahead {
    buf: Box<[u8]>,
    start: usize,
    end: usize,
}

/// Buffers kept for the next burst on this thread, at most.
const SPARE: usize = 2;

thread_local! {
    /// Read-ahead buffers whose burst ended, for the next: a new one is zeroed (128 KiB of
    /// writes, more than a burst of small messages costs in all), a spare one is read over as
    /// it is. One per connection would be resident while it idles; a few per thread are not.
    static SPARES: std::cell::RefCell<Vec<Box<[u8]>>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl Ahead {
    fn new() -> Ahead {
        let spare = SPARES.try_with(|spares| spares.borrow_mut().pop()).ok().flatten();
        Ahead { buf: spare.unwrap_or_else(|| vec![0; AHEAD].into()), start: 0, end: 0 }
    }
}

impl Drop for Ahead {
    fn drop(&mut self) {
        let buf = std::mem::take(&mut self.buf);
        // Not while the thread ends (its spares are gone).
        let _ = SPARES.try_with(|spares| {
            let mut spares = spares.borrow_mut();
            if spares.len() < SPARE {
                spares.push(buf);
            }
        });
    }
}

struct Inflating {
    inflater: Inflater,
    /// The mask of the frames made for tungstenite: a server expects masked frames, and an
    /// all-zero mask leaves the payload as it is.
    mask: Option<[u8; 4]>,
    max_message: usize,
    frame: Option<InFrame>,
    message: Option<InMessage>,
    /// Inflated bytes not yet framed.
    inflated: Vec<u8>,
}

/// The frame coming in, `left` payload bytes to go.
struct InFrame {
    left: u64,
    /// Compressed: its mask, payload bytes already handled, and how many bytes from `at` are
    /// clear (unmasked, or never masked). `None`: it passes.
    inflate: Option<(Option<[u8; 4]>, usize, usize)>,
    last: bool,
}

/// The data message coming in.
struct InMessage {
    compressed: bool,
    /// The opcode for the first frame made of it, until that is made.
    opcode: Option<OpCode>,
    /// Inflated bytes so far.
    size: usize,
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
        if let ReadMode::Head { matched } = &mut self.mode {
            const END: &[u8] = b"\r\n\r\n";
            for (i, byte) in self.raw[self.at..self.at + n].iter().enumerate() {
                *matched = match *byte {
                    b if b == END[*matched] => *matched + 1,
                    b'\r' => 1,
                    _ => 0,
                };
                if *matched == END.len() {
                    n = i + 1;
                    self.mode = ReadMode::Plain;
                    break;
                }
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

    /// A plain connection's read: straight into `buf`, or, while the socket is busy, through
    /// the read-ahead buffer, which goes once the socket has been drained (an idle connection
    /// keeps none).
    fn read_plain<S: AsyncRead + Unpin>(
        &mut self,
        inner: &mut S,
        cx: &mut Context<'_>,
        buf: &mut [u8],
    ) -> Poll<io::Result<usize>> {
        loop {
            if let Some(ahead) = self.ahead.as_mut().filter(|ahead| ahead.start < ahead.end) {
                let n = buf.len().min(ahead.end - ahead.start);
                buf[..n].copy_from_slice(&ahead.buf[ahead.start..ahead.start + n]);
                ahead.start += n;
                if ahead.start == ahead.end && !self.busy {
                    self.ahead = None;
                }
                return Poll::Ready(Ok(n));
            }
            if !self.busy {
                let read = Pin::new(&mut *inner).poll_read(cx, buf);
                self.busy = matches!(read, Poll::Ready(Ok(n)) if n > 0 && n == buf.len());
                return read;
            }
            let ahead = self.ahead.get_or_insert_with(Ahead::new);
            let read = Pin::new(&mut *inner).poll_read(cx, &mut ahead.buf);
            let n = match read {
                Poll::Ready(Ok(n)) => n,
                _ => 0,
            };
            (ahead.start, ahead.end) = (0, n);
            self.busy = n == AHEAD;
            if n == 0 {
                // The end, an error, or a wait with nothing buffered.
                self.ahead = None;
                return read;
            }
        }
    }

    /// Turns raw bytes into frames for tungstenite until more input is needed or enough is
    /// prepared; returns whether anything was.
    fn process(&mut self) -> Result<bool, Fault> {
        let ReadMode::Frames(state) = &mut self.mode else { return Ok(false) };
        let before = self.out.len();
        while self.out.len() - before < CHUNK {
            let Some(frame) = &mut state.frame else {
                let mut cursor = Cursor::new(&self.raw[self.at..]);
                let (header, len) = match FrameHeader::parse(&mut cursor) {
                    Ok(Some(parsed)) => parsed,
                    Ok(None) => break,
                    // tungstenite gives the error its close code.
                    Err(_) => {
                        self.mode = ReadMode::Plain;
                        return Ok(true);
                    }
                };
                let header_len = cursor.position() as usize;
                let frame = state.start_frame(&header, len);
                if frame.inflate.is_none() {
                    self.out.extend_from_slice(&self.raw[self.at..self.at + header_len]);
                }
                state.frame = Some(frame);
                self.at += header_len;
                continue;
            };
            let available = (self.raw.len() - self.at).min(usize::try_from(frame.left).unwrap_or(usize::MAX));
            let Some((mask, offset, clear)) = &mut frame.inflate else {
                self.out.extend_from_slice(&self.raw[self.at..self.at + available]);
                self.at += available;
                frame.left -= available as u64;
                if frame.left == 0 {
                    state.frame = None;
                    continue;
                }
                break;
            };
            if let Some(mask) = mask {
                for (i, byte) in self.raw[self.at + *clear..self.at + available].iter_mut().enumerate() {
                    *byte ^= mask[(*offset + *clear + i) % 4];
                }
            }
            *clear = available;
            let used = state.inflater.inflate(&self.raw[self.at..self.at + available], &mut state.inflated, CHUNK)?;
            self.at += used;
            *offset += used;
            *clear -= used;
            frame.left -= used as u64;
            let (left, last) = (frame.left, frame.last);
            state.check_size()?;
            if state.inflated.len() >= CHUNK {
                state.emit(false, &mut self.out);
            } else if left == 0 {
                state.frame = None;
                if last {
                    state.end_message(&mut self.out)?;
                }
            } else if used == 0 {
                break;
            }
        }
        Ok(self.out.len() > before)
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

impl Inflating {
    /// How the frame with `header` is handled.
    fn start_frame(&mut self, header: &FrameHeader, len: u64) -> InFrame {
        let reserved = header.rsv2 || header.rsv3;
        let compressed = match header.opcode {
            OpCode::Data(Data::Text | Data::Binary) => {
                let compressed = header.rsv1 && !reserved;
                let opcode = Some(header.opcode);
                self.message = Some(InMessage { compressed, opcode, size: 0 });
                compressed
            }
            OpCode::Data(Data::Continue) => {
                self.message.as_ref().is_some_and(|m| m.compressed) && !header.rsv1 && !reserved
            }
            _ => false,
        };
        // What is not inflated goes to tungstenite as it came, to be judged there: RSV1 on
        // a control or continuation frame, RSV2, RSV3.
        if !compressed && header.is_final && matches!(header.opcode, OpCode::Data(_)) {
            self.message = None;
        }
        InFrame { left: len, inflate: compressed.then_some((header.mask, 0, 0)), last: header.is_final }
    }

    fn check_size(&mut self) -> Result<(), Fault> {
        let message = self.message.as_mut().expect("an inflated frame belongs to a message");
        if message.size + self.inflated.len() > self.max_message {
            let reason = format!("message too big: over {} bytes once inflated", self.max_message);
            return Err(Fault { code: 1009, reason });
        }
        Ok(())
    }

    /// Frames the inflated bytes for tungstenite.
    fn emit(&mut self, last: bool, out: &mut Vec<u8>) {
        let message = self.message.as_mut().expect("an inflated frame belongs to a message");
        let opcode = message.opcode.take().unwrap_or(OpCode::Data(Data::Continue));
        message.size += self.inflated.len();
        let header = FrameHeader { is_final: last, opcode, mask: self.mask, ..FrameHeader::default() };
        // Writing to a Vec cannot fail.
        let _ = header.format(self.inflated.len() as u64, out);
        out.append(&mut self.inflated);
    }

    /// The last frame of a compressed message: inflate the tail it was sent without.
    fn end_message(&mut self, out: &mut Vec<u8>) -> Result<(), Fault> {
        let mut tail = &TAIL[..];
        while !tail.is_empty() {
            let used = self.inflater.inflate(tail, &mut self.inflated, CHUNK)?;
            tail = &tail[used..];
            self.check_size()?;
            if self.inflated.len() >= CHUNK {
                self.emit(false, out);
            }
        }
        self.emit(true, out);
        self.inflater.end_message();
        self.message = None;
        Ok(())
    }
}

struct Writer {
    deflating: Option<Box<Deflating>>,
    /// Bytes for the socket, from `pending_at`.
    pending: Vec<u8>,
    pending_at: usize,
}

struct Deflating {
    deflater: Deflater,
    /// The header of the next frame, as far as it has come.
    header: Vec<u8>,
    frame: Option<OutFrame>,
}

/// A frame tungstenite is writing, `left` payload bytes to go; data frames are collected
/// (`payload`) to be compressed whole, others pass.
struct OutFrame {
    header: FrameHeader,
    left: u64,
    payload: Option<Vec<u8>>,
}

impl Deflating {
    /// Takes all of `input`, putting what is ready for the socket in `pending`.
    fn feed(&mut self, mut input: &[u8], pending: &mut Vec<u8>) -> io::Result<()> {
        while !input.is_empty() || self.frame.as_ref().is_some_and(|f| f.left == 0) {
            let Some(frame) = &mut self.frame else {
                let take = input.len().min(14 - self.header.len());
                self.header.extend_from_slice(&input[..take]);
                let mut cursor = Cursor::new(&self.header);
                let parsed = FrameHeader::parse(&mut cursor).map_err(io::Error::other)?;
                let Some((header, len)) = parsed else {
                    input = &input[take..];
                    continue;
                };
                let header_len = cursor.position() as usize;
                input = &input[take - (self.header.len() - header_len)..];
                let data = matches!(header.opcode, OpCode::Data(_));
                if !data {
                    pending.extend_from_slice(&self.header[..header_len]);
                }
                self.header.clear();
                let payload = data.then(|| Vec::with_capacity(usize::try_from(len).unwrap_or(0).min(1 << 20)));
                self.frame = Some(OutFrame { header, left: len, payload });
                continue;
            };
            let n = input.len().min(usize::try_from(frame.left).unwrap_or(usize::MAX));
            match &mut frame.payload {
                Some(payload) => payload.extend_from_slice(&input[..n]),
                None => pending.extend_from_slice(&input[..n]),
            }
            input = &input[n..];
            frame.left -= n as u64;
            if frame.left == 0 {
                let frame = self.frame.take().expect("the frame just written");
                if let Some(payload) = frame.payload {
                    self.deflate(frame.header, payload, pending)?;
                }
            }
        }
        Ok(())
    }

    fn deflate(&mut self, mut header: FrameHeader, mut payload: Vec<u8>, pending: &mut Vec<u8>) -> io::Result<()> {
        if let Some(mask) = header.mask {
            apply_mask(&mut payload, mask);
        }
        let mut compressed = Vec::with_capacity(payload.len() / 2 + 64);
        self.deflater.compress(&payload, header.is_final, &mut compressed)?;
        if let Some(mask) = header.mask {
            apply_mask(&mut compressed, mask);
        }
        // RSV1 marks the first frame of a compressed message.
        header.rsv1 = header.opcode != OpCode::Data(Data::Continue);
        header.format(compressed.len() as u64, pending).map_err(io::Error::other)?;
        pending.extend_from_slice(&compressed);
        Ok(())
    }
}

fn apply_mask(data: &mut [u8], mask: [u8; 4]) {
    for (i, byte) in data.iter_mut().enumerate() {
        *byte ^= mask[i % 4];
    }
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
                    return reader.read_plain(&mut this.inner, cx, buf);
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
        // Start the socket on it; a full socket is waited for by the next write or flush.
        if let Poll::Ready(Err(e)) = this.poll_pending(cx) {
            return Poll::Ready(Err(e));
        }
        Poll::Ready(Ok(buf.len()))
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        ready!(this.poll_pending(cx))?;
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
    //! Reading ahead on a plain connection: every byte arrives once and in order, a large message
    //! takes few socket reads, and an idle connection keeps no buffer.

    use super::FrameStream;
    use futures::io::{AsyncRead, AsyncReadExt};
    use proptest::prelude::*;
    use std::pin::Pin;
    use std::task::{Context, Poll};

    /// A socket that has `data` and hands out at most `chunk` bytes per read; counts the reads.
    /// With `open`, it then waits for more instead of ending.
    struct Socket {
        data: Vec<u8>,
        at: usize,
        chunk: usize,
        reads: usize,
        open: bool,
    }

    impl AsyncRead for Socket {
        fn poll_read(mut self: Pin<&mut Self>, _: &mut Context<'_>, buf: &mut [u8]) -> Poll<std::io::Result<usize>> {
            if self.open && self.at == self.data.len() {
                return Poll::Pending;
            }
            let n = buf.len().min(self.chunk).min(self.data.len() - self.at);
            buf[..n].copy_from_slice(&self.data[self.at..self.at + n]);
            self.at += n;
            self.reads += 1;
            Poll::Ready(Ok(n))
        }
    }

    fn read_all(stream: &mut FrameStream<Socket>, size: usize) -> Vec<u8> {
        let mut out = Vec::new();
        let mut buf = vec![0; size];
        futures::executor::block_on(async {
            while let Ok(n @ 1..) = stream.read(&mut buf).await {
                out.extend_from_slice(&buf[..n]);
            }
        });
        out
    }

    #[test]
    fn a_large_message_takes_few_socket_reads_and_leaves_no_buffer() {
        let data: Vec<u8> = (0..1 << 20).map(|i| (i % 251) as u8).collect();
        let socket = Socket { data: data.clone(), at: 0, chunk: usize::MAX, reads: 0, open: false };
        let mut stream = FrameStream::new(socket, Vec::new(), false);
        assert_eq!(read_all(&mut stream, 4096), data);
        // One read of tungstenite's size, then 128 KiB at a time, then the one that finds the end.
        assert!(stream.inner.reads <= 10, "{} socket reads for 1 MiB", stream.inner.reads);
        assert!(stream.reader.ahead.is_none());
    }

    #[test]
    fn a_socket_that_waits_after_full_reads_leaves_no_buffer() {
        // Every read fills what it asked for, so the one after them waits with nothing buffered.
        let data = vec![7u8; 4096 + (128 << 10)];
        let socket = Socket { data: data.clone(), at: 0, chunk: usize::MAX, reads: 0, open: true };
        let mut stream = FrameStream::new(socket, Vec::new(), false);
        let mut buf = vec![0; 4096];
        let mut cx = Context::from_waker(futures::task::noop_waker_ref());
        let mut got = Vec::new();
        while let Poll::Ready(Ok(n)) = Pin::new(&mut stream).poll_read(&mut cx, &mut buf) {
            got.extend_from_slice(&buf[..n]);
        }
        assert_eq!(got, data);
        assert!(stream.reader.ahead.is_none());
    }

    #[test]
    fn a_burst_reads_into_a_buffer_an_earlier_one_gave_up() {
        let burst = || {
            let data = vec![9u8; 64 << 10];
            let socket = Socket { data: data.clone(), at: 0, chunk: usize::MAX, reads: 0, open: false };
            let mut stream = FrameStream::new(socket, Vec::new(), false);
            assert_eq!(read_all(&mut stream, 4096), data);
        };
        let spares = || super::SPARES.with(|spares| spares.borrow().iter().map(|buf| buf.as_ptr()).collect::<Vec<_>>());
        burst();
        let kept = spares();
        assert_eq!(kept.len(), 1, "the drained stream's buffer is kept for the next burst");
        burst();
        assert_eq!(spares(), kept, "the next burst took it and gave it back, no new one");
    }

    proptest! {
        #[test]
        fn every_byte_arrives_once_in_order(
            data in proptest::collection::vec(any::<u8>(), 0..300_000),
            chunk in 1usize..200_000,
            size in 1usize..10_000,
            taken in 0usize..2_000,
        ) {
            // The first `taken` bytes came with the handshake.
            let taken = taken.min(data.len());
            let socket = Socket { data: data[taken..].to_vec(), at: 0, chunk, reads: 0, open: false };
            let mut stream = FrameStream::new(socket, data[..taken].to_vec(), false);
            prop_assert_eq!(read_all(&mut stream, size), data);
            prop_assert!(stream.reader.ahead.is_none());
        }
    }
}
