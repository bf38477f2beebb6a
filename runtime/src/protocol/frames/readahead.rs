//! A plain connection's socket reads, sized to the traffic. tungstenite reads at most its small
//! read buffer at a time (small, because it is resident while a connection idles), which would
//! make a large message hundreds of system calls. When a read fills what tungstenite asked for,
//! more is likely waiting, and the next ones take up to [`AHEAD`] bytes here and hand them over
//! from memory; the buffer goes once the socket has been drained, so an idle connection keeps
//! none.

use futures::io::AsyncRead;
use std::cell::RefCell;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

/// Bytes read from the socket at a time while a plain connection is busy.
const AHEAD: usize = 128 << 10;

/// Buffers kept for the next burst on this thread, at most.
const SPARE: usize = 2;

thread_local! {
    /// Read-ahead buffers whose burst ended, for the next: a new one is zeroed (128 KiB of
    /// writes, more than a burst of small messages costs in all), a spare one is read over as
    /// it is. One per connection would be resident while it idles; a few per thread are not.
    static SPARES: RefCell<Vec<Box<[u8]>>> = const { RefCell::new(Vec::new()) };
}

#[derive(Default)]
pub(crate) struct ReadAhead {
    /// The last socket read filled what it asked for: read ahead.
    busy: bool,
    ahead: Option<Ahead>,
}

/// The read-ahead buffer, from `start` to `end`, kept while the socket is busy.
struct Ahead {
    buf: Box<[u8]>,
    start: usize,
    end: usize,
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

impl ReadAhead {
    /// Reads into `buf`: straight from `inner`, or, while the socket is busy, through the
    /// read-ahead buffer.
    pub fn read<S: AsyncRead + Unpin>(
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

    #[cfg(test)]
    pub(crate) fn holds_a_buffer(&self) -> bool {
        self.ahead.is_some()
    }
}

#[cfg(test)]
mod tests {
    //! Every byte arrives once and in order, a large message takes few socket reads, and an idle
    //! connection keeps no buffer.

    use super::{ReadAhead, SPARES};
    use futures::io::AsyncRead;
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

    impl Socket {
        fn new(data: &[u8], chunk: usize, open: bool) -> Socket {
            Socket { data: data.to_vec(), at: 0, chunk, reads: 0, open }
        }
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

    /// Reads `size` bytes at a time until the socket ends or waits.
    fn read_all(reader: &mut ReadAhead, socket: &mut Socket, size: usize) -> Vec<u8> {
        let mut out = Vec::new();
        let mut buf = vec![0; size];
        let mut cx = Context::from_waker(futures::task::noop_waker_ref());
        while let Poll::Ready(Ok(n @ 1..)) = reader.read(socket, &mut cx, &mut buf) {
            out.extend_from_slice(&buf[..n]);
        }
        out
    }

    #[test]
    fn a_large_message_takes_few_socket_reads_and_leaves_no_buffer() {
        let data: Vec<u8> = (0..1 << 20).map(|i| (i % 251) as u8).collect();
        let (mut reader, mut socket) = (ReadAhead::default(), Socket::new(&data, usize::MAX, false));
        assert_eq!(read_all(&mut reader, &mut socket, 4096), data);
        // One read of tungstenite's size, then 128 KiB at a time, then the one that finds the end.
        assert!(socket.reads <= 10, "{} socket reads for 1 MiB", socket.reads);
        assert!(!reader.holds_a_buffer());
    }

    #[test]
    fn a_socket_that_waits_after_full_reads_leaves_no_buffer() {
        // Every read fills what it asked for, so the one after them waits with nothing buffered.
        let data = vec![7u8; 4096 + (128 << 10)];
        let (mut reader, mut socket) = (ReadAhead::default(), Socket::new(&data, usize::MAX, true));
        assert_eq!(read_all(&mut reader, &mut socket, 4096), data);
        assert!(!reader.holds_a_buffer());
    }

    #[test]
    fn a_burst_reads_into_a_buffer_an_earlier_one_gave_up() {
        let burst = || {
            let data = vec![9u8; 64 << 10];
            let (mut reader, mut socket) = (ReadAhead::default(), Socket::new(&data, usize::MAX, false));
            assert_eq!(read_all(&mut reader, &mut socket, 4096), data);
        };
        let spares = || SPARES.with(|spares| spares.borrow().iter().map(|buf| buf.as_ptr()).collect::<Vec<_>>());
        burst();
        let kept = spares();
        assert_eq!(kept.len(), 1, "the drained reader's buffer is kept for the next burst");
        burst();
        assert_eq!(spares(), kept, "the next burst took it and gave it back, no new one");
    }

    proptest! {
        #[test]
        fn every_byte_arrives_once_in_order(
            data in proptest::collection::vec(any::<u8>(), 0..300_000),
            chunk in 1usize..200_000,
            size in 1usize..10_000,
        ) {
            let (mut reader, mut socket) = (ReadAhead::default(), Socket::new(&data, chunk, false));
            prop_assert_eq!(read_all(&mut reader, &mut socket, size), data);
            prop_assert!(!reader.holds_a_buffer());
        }
    }
}
