//! `wss://`: TLS through the platform's native library (OpenSSL on Linux), which verifies the
//! certificate chain and the host name against the system store and honours `SSL_CERT_FILE` and
//! `SSL_CERT_DIR`.

use async_std::net::TcpStream;
use futures::io::{AsyncRead, AsyncWrite};

/// Any byte stream a websocket can run over: plain TCP or TLS.
pub(crate) trait Io: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Io for T {}

pub(crate) async fn connect(host: &str, tcp: TcpStream) -> Result<Box<dyn Io>, String> {
    let stream = async_native_tls::TlsConnector::new()
        .connect(host, tcp)
        .await
        .map_err(|e| format!("TLS handshake with '{host}' failed: {e}"))?;
    Ok(Box::new(stream))
}
