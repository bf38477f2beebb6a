//! TCP beneath every connection: a client's connect over each address a name resolves to, and
//! the stream adapter that lends a socket to tungstenite's handshake and takes it back.

use crate::error::{ConnectError, FailureKind};
use async_std::net::{TcpStream, ToSocketAddrs};
use futures::channel::oneshot;
use futures::io::{AsyncRead, AsyncWrite};
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

/// Tries each address the name resolves to in turn. Every attempt but the last is bounded by
/// `attempt`, so one unreachable address cannot use up the whole connect timeout; the last has
/// what is left of it.
pub(crate) async fn connect(host: &str, port: u16, attempt: Duration) -> Result<TcpStream, ConnectError> {
    let resolved = (host, port).to_socket_addrs().await;
    let addrs: Vec<_> =
        resolved.map_err(|e| ConnectError::new(FailureKind::Dns, format!("cannot resolve '{host}': {e}")))?.collect();
    let mut last = ConnectError::new(FailureKind::Dns, format!("'{host}' resolves to no address"));
    for (i, addr) in addrs.iter().enumerate() {
        let connect = TcpStream::connect(addr);
        let result = if i + 1 < addrs.len() {
            async_std::future::timeout(attempt, connect).await.unwrap_or_else(|_| {
                Err(std::io::Error::new(
                    std::io::ErrorKind::TimedOut,
                    format!("timed out after {} ms", attempt.as_millis()),
                ))
            })
        } else {
            connect.await
        };
        match result {
            Ok(stream) => {
                let _ = stream.set_nodelay(true);
                return Ok(stream);
            }
            Err(e) => last = ConnectError::new(FailureKind::Tcp, format!("cannot connect to {addr}: {e}")),
        }
    }
    Err(last)
}

/// A stream lent to tungstenite's handshake, which consumes it: dropped with a failed handshake,
/// it hands the stream back, so the rest of a refusal can still be read.
pub(crate) struct Reclaim<S> {
    inner: Option<S>,
    back: Option<oneshot::Sender<Reclaim<S>>>,
}

impl<S> Reclaim<S> {
    pub fn new(inner: S) -> (Reclaim<S>, oneshot::Receiver<Reclaim<S>>) {
        let (back, reclaimed) = oneshot::channel();
        (Reclaim { inner: Some(inner), back: Some(back) }, reclaimed)
    }

    /// The stream, or an error once it has been handed back.
    pub fn stream(&mut self) -> io::Result<&mut S> {
        self.inner.as_mut().ok_or_else(|| io::ErrorKind::NotConnected.into())
    }
}

impl<S> Drop for Reclaim<S> {
    fn drop(&mut self) {
        if let (Some(inner), Some(back)) = (self.inner.take(), self.back.take()) {
            // Nobody waits for it once the handshake has succeeded.
            let _ = back.send(Reclaim { inner: Some(inner), back: None });
        }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Reclaim<S> {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut [u8]) -> Poll<io::Result<usize>> {
        match self.stream() {
            Ok(stream) => Pin::new(stream).poll_read(cx, buf),
            Err(e) => Poll::Ready(Err(e)),
        }
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Reclaim<S> {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        match self.stream() {
            Ok(stream) => Pin::new(stream).poll_write(cx, buf),
            Err(e) => Poll::Ready(Err(e)),
        }
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.stream() {
            Ok(stream) => Pin::new(stream).poll_flush(cx),
            Err(e) => Poll::Ready(Err(e)),
        }
    }

    fn poll_close(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.stream() {
            Ok(stream) => Pin::new(stream).poll_close(cx),
            Err(e) => Poll::Ready(Err(e)),
        }
    }
}
