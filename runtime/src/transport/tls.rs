//! TLS through the platform's native library (OpenSSL on Linux): `wss://` clients, which verify
//! the certificate chain and the host name against the system store (honouring `SSL_CERT_FILE`
//! and `SSL_CERT_DIR`) plus any CA file given, and `wss://` servers from PEM files.
//!
//! A client's connector is built once for each trust (CA file, verification, the store the
//! environment names) and shared by its connections: building one loads and parses the system's
//! whole CA store, which cost each connection about a megabyte, kept while it was open, and
//! milliseconds of CPU. So the store's files are read when a trust is first used.

use async_native_tls::{Identity, TlsAcceptor};
use async_std::net::{TcpListener, TcpStream};
use futures::io::{AsyncRead, AsyncWrite};
use native_tls::Certificate;
use std::ffi::OsString;
use std::net::Ipv4Addr;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;
use tokio_util::compat::{FuturesAsyncReadCompatExt, TokioAsyncReadCompatExt};

/// A built client connector; clones share it.
pub(crate) type TlsConnector = tokio_native_tls::TlsConnector;

/// Any byte stream a websocket can run over: plain TCP or TLS.
pub(crate) trait Io: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Io for T {}

/// A server's certificate chain and private key (PKCS#8), PEM files.
#[derive(Debug, Clone, PartialEq)]
pub struct TlsFiles {
    pub certificate: PathBuf,
    pub key: PathBuf,
}

/// How a `wss://` client checks its server.
#[derive(Debug, Clone, PartialEq)]
pub struct TlsClient {
    /// Extra trusted roots (PEM), besides the system's.
    pub ca_file: Option<PathBuf>,
    /// False accepts any certificate, for any name (a development server), and says so in the log.
    pub verify: bool,
    /// The name to send (SNI) and verify, instead of the URL's host.
    pub server_name: Option<String>,
}

impl Default for TlsClient {
    fn default() -> Self {
        TlsClient { ca_file: None, verify: true, server_name: None }
    }
}

fn read(what: &str, path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("cannot read the {what} '{}': {e}", path.display()))
}

/// The acceptor of a `wss://` server; errors name the file at fault.
pub(crate) fn acceptor(files: &TlsFiles) -> Result<TlsAcceptor, String> {
    let (certificate, key) = (read("certificate", &files.certificate)?, read("key", &files.key)?);
    let identity = Identity::from_pkcs8(&certificate, &key).map_err(|e| {
        format!(
            "the certificate '{}' and the key '{}' do not make an identity: {e}",
            files.certificate.display(),
            files.key.display()
        )
    })?;
    let acceptor: TlsAcceptor = native_tls::TlsAcceptor::new(identity)
        .map_err(|e| format!("the certificate '{}' cannot serve TLS: {e}", files.certificate.display()))?
        .into();
    // The TLS library takes a key that does not belong to the certificate, and every handshake
    // would fail: one handshake with itself proves the pair.
    async_std::task::block_on(handshake_with_itself(&acceptor)).map_err(|e| {
        format!(
            "the key '{}' does not belong to the certificate '{}': {e}",
            files.key.display(),
            files.certificate.display()
        )
    })?;
    Ok(acceptor)
}

async fn handshake_with_itself(acceptor: &TlsAcceptor) -> std::io::Result<()> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await?;
    let (client, server) = futures::join!(TcpStream::connect(listener.local_addr()?), listener.accept());
    let (client, (server, _)) = (client?, server?);
    // Only the key's signature matters here, not who signed the certificate or for which name.
    let connector = connector(&TlsClient { verify: false, ..TlsClient::default() }).map_err(std::io::Error::other)?;
    let handshakes = async { futures::join!(connect(&connector, "localhost", client), acceptor.accept(server)).0 };
    let connected =
        async_std::future::timeout(Duration::from_secs(5), handshakes).await.map_err(std::io::Error::other)?;
    connected.map(drop).map_err(std::io::Error::other)
}

/// What a client connector trusts.
#[derive(PartialEq)]
struct Trust {
    /// The CA file's contents.
    ca: Option<Vec<u8>>,
    verify: bool,
    /// Where OpenSSL finds the system store, as the environment says at the time of the call.
    store: [Option<OsString>; 2],
}

/// How many connectors are kept for reuse (a program has one or two trusts, rarely more).
const KEPT: usize = 8;

/// The connectors built, the most recently built last.
static BUILT: Mutex<Vec<(Trust, TlsConnector)>> = Mutex::new(Vec::new());

/// The connector a client uses, with its CA file read now, so a bad file is an error of the
/// call, not of the connection.
pub(crate) fn connector(options: &TlsClient) -> Result<TlsConnector, String> {
    let ca = options.ca_file.as_deref().map(|path| read("CA file", path)).transpose()?;
    let store = ["SSL_CERT_FILE", "SSL_CERT_DIR"].map(std::env::var_os);
    let trust = Trust { ca, verify: options.verify, store };
    let mut built = crate::core::lock::lock(&BUILT);
    if let Some((_, connector)) = built.iter().find(|(t, _)| *t == trust) {
        return Ok(connector.clone());
    }
    let mut builder = native_tls::TlsConnector::builder();
    if let (Some(pem), Some(path)) = (&trust.ca, &options.ca_file) {
        let ca = Certificate::from_pem(pem)
            .map_err(|e| format!("the CA file '{}' holds no PEM certificate: {e}", path.display()))?;
        builder.add_root_certificate(ca);
    }
    if !trust.verify {
        builder.danger_accept_invalid_certs(true).danger_accept_invalid_hostnames(true);
    }
    let connector = TlsConnector::from(builder.build().map_err(|e| format!("TLS cannot be set up: {e}"))?);
    if built.len() == KEPT {
        built.remove(0);
    }
    built.push((trust, connector.clone()));
    Ok(connector)
}

pub(crate) async fn connect(connector: &TlsConnector, host: &str, tcp: TcpStream) -> Result<Box<dyn Io>, String> {
    let stream =
        connector.connect(host, tcp.compat()).await.map_err(|e| format!("TLS handshake with '{host}' failed: {e}"))?;
    Ok(Box::new(stream.compat()))
}
