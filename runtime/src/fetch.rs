//! HTTP requests (the runner's `http.request`): each is checked when it is made, then runs as a
//! task that reports its progress and its end as [`EventKind::Http`] events. Redirects are not
//! followed (a 3xx is the answer, `Location` in its headers), as in Defold.

use crate::config::{Config, MAX_HTTP_BODY};
use crate::core::event::{EventKind, HttpReply, HOST};
use crate::core::executor;
use crate::core::registry::Registry;
use crate::error::{Error, FailureKind};
use crate::transport::http::{ensure_host, Body, Origin, Pool, Route};
use crate::transport::proxy::Proxy;
use crate::transport::tls::{self, TlsClient};
use async_std::io::WriteExt;
use bytes::Bytes;
use http_body_util::{BodyExt, Full, StreamBody};
use hyper::body::Frame;
use hyper::header::{HeaderName, HeaderValue, CONTENT_LENGTH, CONTENT_RANGE};
use hyper::{Method, Uri};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Request bodies over https larger than this go chunked when `chunked_transfer` is on, as in
/// Defold.
const CHUNKED_OVER: usize = 16 << 10;

/// A progress event at most every this many bytes received.
const PROGRESS_EVERY: u64 = 64 << 10;

/// An HTTP request as the host gives it.
#[derive(Debug, Clone, Default)]
pub struct HttpRequest {
    pub url: String,
    pub method: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// The whole exchange, connect to last byte; `None`: no limit.
    pub timeout: Option<Duration>,
    /// Stream the body to this file (written only for 200) instead of holding it.
    pub path: Option<PathBuf>,
    pub report_progress: bool,
    /// Send a large https body chunked.
    pub chunked_transfer: bool,
    pub tls: TlsClient,
    pub proxy: Proxy,
}

/// The requests in flight, and the connections they share.
#[derive(Default)]
pub(crate) struct Fetcher {
    pool: Arc<Pool>,
    next_id: AtomicU64,
    in_flight: AtomicUsize,
    /// Set at shutdown: requests still running no longer keep the host waiting.
    abandoned: AtomicBool,
}

impl Fetcher {
    /// Requests whose last event the host has not taken yet.
    pub fn in_flight(&self) -> usize {
        if self.abandoned.load(Ordering::Relaxed) {
            return 0;
        }
        self.in_flight.load(Ordering::Relaxed)
    }

    /// The host took a request's last event.
    pub fn finished(&self) {
        self.in_flight.fetch_sub(1, Ordering::Relaxed);
    }

    pub fn abandon(&self) {
        self.abandoned.store(true, Ordering::Relaxed);
    }

    /// Checks `request` and starts it; its id is in its events. What is wrong with the request
    /// itself is an error here, before anything is sent.
    pub fn start(&self, registry: &Arc<Registry>, request: HttpRequest) -> Result<u64, Error> {
        let prepared = prepare(&request, &registry.config)?;
        let id = self.next_id.fetch_add(1, Ordering::Relaxed) + 1;
        self.in_flight.fetch_add(1, Ordering::Relaxed);
        let exchange = Exchange { id, registry: registry.clone(), pool: self.pool.clone(), request, prepared };
        executor::spawn(exchange.run()).detach();
        Ok(id)
    }
}

/// What [`prepare`] made of a request.
pub(crate) struct Prepared {
    route: Route,
    method: Method,
    uri: Uri,
    headers: hyper::HeaderMap,
}

fn invalid(url: &str, reason: impl Into<String>) -> Error {
    Error::InvalidUrl { url: url.to_string(), reason: reason.into() }
}

pub(crate) fn prepare(request: &HttpRequest, config: &Config) -> Result<Prepared, Error> {
    let text = request.url.as_str();
    let url =
        url::Url::parse(text).map_err(|e| invalid(text, format!("{e}; a url looks like http://host:port/path")))?;
    let tls = match url.scheme() {
        "http" => false,
        "https" => true,
        other => return Err(invalid(text, format!("scheme '{other}' is not http or https"))),
    };
    let host = match url.host() {
        Some(url::Host::Ipv6(ip)) => ip.to_string(),
        Some(host) => host.to_string(),
        None => return Err(invalid(text, "no host")),
    };
    let port = url.port_or_known_default().unwrap_or(if tls { 443 } else { 80 });
    let method = Method::from_bytes(request.method.as_bytes())
        .map_err(|_| Error::InvalidRequest(format!("'{}' is not an HTTP method", request.method)))?;
    let mut headers = hyper::HeaderMap::new();
    for (given, value) in &request.headers {
        let name = HeaderName::from_bytes(given.as_bytes())
            .map_err(|_| Error::InvalidRequest(format!("'{given}' is not a header name")))?;
        let value = HeaderValue::from_str(value).map_err(|_| {
            Error::InvalidRequest(format!("the value of '{given}' has a character a header cannot hold"))
        })?;
        headers.append(name, value);
    }
    if let Some(dir) = request.path.as_deref().map(|p| p.parent().unwrap_or(Path::new("."))) {
        let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
        if !dir.is_dir() {
            return Err(Error::InvalidRequest(format!("path: the folder '{}' does not exist", dir.display())));
        }
    }
    let proxy = request.proxy.choose(tls, &host, |name| std::env::var(name).ok())?;
    let connector = if tls {
        let mut client = request.tls.clone();
        client.ca_file = client.ca_file.or_else(|| config.ca_file.clone());
        Some(tls::connector(&client).map_err(Error::Tls)?)
    } else {
        None
    };
    let origin = Origin { tls, host, port, proxy: proxy.as_ref().map(|p| (p.host.clone(), p.port)) };
    ensure_host(&mut headers, &origin);
    // Through a proxy, plain http asks for the whole URL (absolute form); otherwise the path.
    let target = match (&proxy, tls) {
        (Some(proxy), false) => {
            if let Some(value) = proxy.authorization.as_deref().and_then(|v| HeaderValue::from_str(v).ok()) {
                headers.insert(hyper::header::PROXY_AUTHORIZATION, value);
            }
            url.as_str().to_string()
        }
        _ => format!("{}{}", url.path(), url.query().map(|q| format!("?{q}")).unwrap_or_default()),
    };
    let uri = Uri::try_from(target).map_err(|e| invalid(text, e.to_string()))?;
    Ok(Prepared { route: Route { origin, proxy, connector }, method, uri, headers })
}

/// One request's task.
struct Exchange {
    id: u64,
    registry: Arc<Registry>,
    pool: Arc<Pool>,
    request: HttpRequest,
    prepared: Prepared,
}

/// Why a request ended without its answer.
struct Failed {
    /// The response's status if one came.
    status: u16,
    kind: Option<FailureKind>,
    message: String,
}

impl Failed {
    fn new(kind: FailureKind, message: impl Into<String>) -> Failed {
        Failed { status: 0, kind: Some(kind), message: message.into() }
    }
}

impl Exchange {
    async fn run(self) {
        let timeout = self.request.timeout;
        let attempt = self.registry.config.socket_timeout;
        let outcome = match timeout {
            Some(limit) => async_std::future::timeout(limit, self.exchange(attempt)).await.unwrap_or_else(|_| {
                Err(Failed::new(FailureKind::Timeout, format!("no answer within {} s", limit.as_secs_f64())))
            }),
            None => self.exchange(attempt).await,
        };
        let reply = outcome.unwrap_or_else(|failed| HttpReply {
            id: self.id,
            status: failed.status,
            error: Some(failed.message),
            error_kind: failed.kind.map(|kind| kind.as_str()),
            done: true,
            ..HttpReply::default()
        });
        self.registry.push(HOST, EventKind::Http(Box::new(reply)));
    }

    fn progress(&self, status: u16, received: u64, total: Option<u64>) {
        let reply = HttpReply {
            id: self.id,
            status,
            bytes_received: Some(received),
            bytes_total: total,
            ..HttpReply::default()
        };
        self.registry.push(HOST, EventKind::Http(Box::new(reply)));
    }

    async fn exchange(&self, attempt: Duration) -> Result<HttpReply, Failed> {
        let Prepared { route, method, uri, headers } = &self.prepared;
        let mut lease = self.pool.connection(route, attempt).await.map_err(|e| Failed::new(e.kind, e.message))?;
        let mut request = hyper::Request::builder().method(method.clone()).uri(uri.clone());
        if let Some(all) = request.headers_mut() {
            all.extend(headers.clone());
        }
        let request = request.body(self.body()).map_err(|e| Failed::new(FailureKind::Handshake, e.to_string()))?;
        let lost = |e: hyper::Error| Failed::new(FailureKind::Tcp, format!("the connection failed: {e}"));
        lease.sender.ready().await.map_err(lost)?;
        let response = lease.sender.send_request(request).await.map_err(lost)?;
        let status = response.status().as_u16();
        let headers = lower_case_headers(response.headers());
        let total = response.headers().get(CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse().ok());
        let range = response.headers().get(CONTENT_RANGE).and_then(|v| content_range(v.to_str().ok()?));
        let mut reply = HttpReply { id: self.id, status, headers, range, done: true, ..HttpReply::default() };
        let mut sink = match &self.request.path {
            Some(path) if status == 200 => Sink::file(path, self.id).await.map_err(|e| Failed { status, ..e })?,
            _ => Sink::Memory(Vec::new()),
        };
        let mut body = response.into_body();
        let (mut received, mut reported) = (0u64, 0u64);
        while let Some(frame) = body.frame().await {
            let frame = frame.map_err(|e| Failed { status, ..lost(e) })?;
            let Ok(data) = frame.into_data() else { continue };
            received += data.len() as u64;
            sink.write(&data).await.map_err(|e| Failed { status, ..e })?;
            if self.request.report_progress && received - reported >= PROGRESS_EVERY {
                reported = received;
                self.progress(status, received, total);
            }
        }
        // The whole body is read: the connection can carry the next request.
        lease.give_back();
        if self.request.report_progress {
            (reply.bytes_received, reply.bytes_total) = (Some(received), total.or(Some(received)));
        }
        match sink {
            Sink::Memory(bytes) => reply.body = Some(Bytes::from(bytes)),
            Sink::File { file, part, path } => {
                finish_file(file, &part, &path).await.map_err(|e| Failed { status, ..e })?;
                reply.path = Some(path);
            }
        }
        Ok(reply)
    }

    /// The request's body: in one piece with its length, or chunked when Defold would.
    fn body(&self) -> Body {
        let body = Bytes::from(self.request.body.clone());
        let chunked = self.request.chunked_transfer && self.prepared.route.origin.tls && body.len() > CHUNKED_OVER;
        if !chunked {
            return Full::new(body).boxed();
        }
        let pieces: Vec<_> = (0..body.len())
            .step_by(CHUNKED_OVER)
            .map(|at| Ok(Frame::data(body.slice(at..(at + CHUNKED_OVER).min(body.len())))))
            .collect();
        BodyExt::boxed(StreamBody::new(futures::stream::iter(pieces)))
    }
}

/// Where a response's body goes.
enum Sink {
    /// Held, up to [`MAX_HTTP_BODY`].
    Memory(Vec<u8>),
    /// Written to `part` beside `path`, renamed to `path` when complete.
    File { file: async_std::fs::File, part: PathBuf, path: PathBuf },
}

fn file_error(what: &str, path: &Path, e: std::io::Error) -> Failed {
    Failed { status: 0, kind: None, message: format!("{what} '{}': {e}", path.display()) }
}

impl Sink {
    async fn file(path: &Path, id: u64) -> Result<Sink, Failed> {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let part = path.with_file_name(format!(".{name}.{}-{id}.part", std::process::id()));
        let file = async_std::fs::File::create(&part).await.map_err(|e| file_error("cannot create", &part, e))?;
        Ok(Sink::File { file, part, path: path.to_path_buf() })
    }

    async fn write(&mut self, data: &[u8]) -> Result<(), Failed> {
        match self {
            Sink::Memory(held) => {
                if held.len() + data.len() > MAX_HTTP_BODY {
                    return Err(Failed {
                        status: 0,
                        kind: None,
                        message: format!(
                            "the response body is larger than {} MiB: pass options.path to write it to a file",
                            MAX_HTTP_BODY >> 20
                        ),
                    });
                }
                held.extend_from_slice(data);
                Ok(())
            }
            Sink::File { file, part, .. } => {
                let written = file.write_all(data).await.map_err(|e| file_error("cannot write", part, e));
                if written.is_err() {
                    let _ = async_std::fs::remove_file(&part).await;
                }
                written
            }
        }
    }
}

async fn finish_file(mut file: async_std::fs::File, part: &Path, path: &Path) -> Result<(), Failed> {
    let done = async {
        file.flush().await?;
        file.sync_all().await?;
        drop(file);
        async_std::fs::rename(part, path).await
    };
    done.await.map_err(|e| {
        let _ = std::fs::remove_file(part);
        file_error("cannot write", path, e)
    })
}

/// Header names in lower case, repeated headers joined with `", "` (as `websocket` does).
fn lower_case_headers(headers: &hyper::HeaderMap) -> Vec<(String, String)> {
    let mut joined: Vec<(String, String)> = Vec::new();
    for (name, value) in headers {
        let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
        match joined.iter_mut().find(|(n, _)| n == name.as_str()) {
            Some((_, v)) => {
                v.push_str(", ");
                v.push_str(&value);
            }
            None => joined.push((name.as_str().to_string(), value)),
        }
    }
    joined
}

/// `bytes START-END/SIZE` (SIZE may be `*`).
fn content_range(text: &str) -> Option<(u64, u64, Option<u64>)> {
    let (range, size) = text.strip_prefix("bytes ")?.split_once('/')?;
    let (start, end) = range.split_once('-')?;
    Some((start.trim().parse().ok()?, end.trim().parse().ok()?, size.trim().parse().ok()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_range_is_read_as_rfc_9110_writes_it() {
        assert_eq!(content_range("bytes 0-99/1000"), Some((0, 99, Some(1000))));
        assert_eq!(content_range("bytes 100-199/*"), Some((100, 199, None)));
        assert_eq!(content_range("items 0-1/2"), None);
        assert_eq!(content_range("bytes x-1/2"), None);
    }

    #[test]
    fn bad_requests_are_refused_before_anything_is_sent() {
        let config = Config::default();
        let request = |url: &str, method: &str, headers: &[(&str, &str)]| HttpRequest {
            url: url.into(),
            method: method.into(),
            headers: headers.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect(),
            proxy: Proxy::Off,
            ..HttpRequest::default()
        };
        let error = |r: HttpRequest| prepare(&r, &config).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(error(request("ftp://x/", "GET", &[])).contains("scheme 'ftp' is not http or https"));
        assert!(error(request("http//x", "GET", &[])).contains("invalid url"));
        assert!(error(request("http://x/", "GE T", &[])).contains("'GE T' is not an HTTP method"));
        assert!(error(request("http://x/", "GET", &[("a", "b\r\nc: d")])).contains("the value of 'a'"));
        assert!(error(request("http://x/", "GET", &[("a b", "c")])).contains("'a b' is not a header name"));
        let mut in_missing = request("http://x/", "GET", &[]);
        in_missing.path = Some("/no/such/folder/file".into());
        assert!(error(in_missing).contains("'/no/such/folder' does not exist"));
        assert!(prepare(&request("http://[::1]:8080/a?b=c", "PATCH", &[("x-y", "z")]), &config).is_ok());
    }
}
