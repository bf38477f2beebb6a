//! Outgoing connections: URL → name lookup → TCP → TLS (wss) → websocket handshake, all under
//! the caller's `timeout`, then [`crate::connection::drive`].

use crate::config::DeflateSettings;
use crate::config::MAX_RESPONSE_BODY;
use crate::core::event::{ConnId, EventKind, Handshake, HandshakeResponse};
use crate::core::executor;
use crate::core::guard::DisconnectGuard;
use crate::core::link::Link;
use crate::core::registry::Registry;
use crate::error::{ConnectError, Error, FailureKind};
use crate::protocol::deflate;
use crate::protocol::frames::FrameStream;
use crate::protocol::headers::{header_pairs, Headers};
use crate::protocol::response::read_body;
use crate::transport::proxy::{self, Proxy, ProxyServer, Refused};
use crate::transport::tcp::{self, Reclaim};
use crate::transport::tls::TlsConnector;
use crate::transport::tls::{self, Io, TlsClient};
use async_std::net::TcpStream;
use async_tungstenite::tungstenite::client::IntoClientRequest;
use async_tungstenite::tungstenite::http::uri::PathAndQuery;
use async_tungstenite::tungstenite::http::{HeaderName, HeaderValue, Response};
use async_tungstenite::tungstenite::protocol::Role;
use async_tungstenite::tungstenite::Error as WsError;
use async_tungstenite::WebSocketStream;
use std::future::Future;
use std::str::FromStr;
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ConnectOptions {
    /// Covers name lookup, TCP, TLS and the handshake; `None` waits as long as the OS does.
    pub timeout: Option<Duration>,
    /// Sent as `Sec-WebSocket-Protocol`.
    pub protocol: Option<String>,
    /// Extra handshake headers (see [`crate::parse_headers`] for the rules).
    pub headers: Option<Headers>,
    /// See [`crate::EventKind::Drain`]; the config's when `None`.
    pub drain_threshold: Option<usize>,
    /// How a `wss://` server is checked; `ca_file` defaults to the config's.
    pub tls: TlsClient,
    /// Offer permessage-deflate; the config's when `None`.
    pub compression: Option<bool>,
    /// How to compress; the config's when `None`.
    pub deflate: Option<DeflateSettings>,
    /// The HTTP proxy to tunnel through.
    pub proxy: Proxy,
}

/// Checks the URL and headers, registers the connection and starts its task.
pub(crate) fn start(registry: &Arc<Registry>, url: &str, options: ConnectOptions) -> Result<ConnId, Error> {
    let target = Target::parse(url)?;
    let headers = match &options.headers {
        Some(headers) => headers.check()?,
        None => Vec::new(),
    };
    let protocol_header = headers.iter().any(|(name, _)| name == "sec-websocket-protocol");
    if protocol_header && options.protocol.is_some() {
        return Err(Error::ProtocolTwice);
    }
    // The CA file is read now, so a bad one is an error of this call.
    let connector = match target.tls {
        true => {
            let mut client = options.tls.clone();
            client.ca_file = client.ca_file.or_else(|| registry.config.ca_file.clone());
            if !client.verify {
                log::warn!("connecting to {url} without verifying its certificate (tls.verify = false)");
            }
            Some(tls::connector(&client).map_err(Error::Tls)?)
        }
        false => None,
    };
    let proxy = options.proxy.choose(target.tls, &target.host, |name| std::env::var(name).ok())?;
    let (id, link) = registry.register_client(options.drain_threshold.unwrap_or(registry.config.drain_threshold));
    match &proxy {
        Some(proxy) => log::info!("connection {id}: connecting to {url} through proxy {}:{}", proxy.host, proxy.port),
        None => log::info!("connection {id}: connecting to {url}"),
    }
    let route = Route { target, proxy, connector };
    let guard = DisconnectGuard::new(registry.clone(), id);
    executor::spawn(run(guard, route, options, headers, link)).detach();
    Ok(id)
}

/// A parsed connect URL.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Target {
    pub tls: bool,
    /// Host name or IP address, without brackets: what DNS, TCP and TLS verification use.
    pub host: String,
    pub port: u16,
    /// The URL as the handshake request sends it (ws/wss scheme, path and query as given).
    pub request: String,
}

impl Target {
    /// `ws://`, `wss://`, and `http://`/`https://` meaning the same.
    pub fn parse(text: &str) -> Result<Target, Error> {
        const FORM: &str = "a websocket url looks like ws://host:port/path or wss://host/path";
        let invalid = |reason: String| Error::InvalidUrl { url: text.to_string(), reason };
        if let Some((at, c)) = text.char_indices().find(|(_, c)| c.is_whitespace() || c.is_control()) {
            let what = if c == ' ' { "a space".to_string() } else { format!("the character {c:?}") };
            let before = &text[..at];
            return Err(invalid(format!("{what} after '{before}': a url has none (write a space as %20)")));
        }
        if !text.contains("://") {
            return Err(invalid(format!("it has no ws:// or wss:// in front: {FORM}")));
        }
        let url = url::Url::parse(text).map_err(|e| invalid(format!("{e}; {FORM}")))?;
        let (tls, scheme) = match url.scheme() {
            "ws" | "http" => (false, "ws"),
            "wss" | "https" => (true, "wss"),
            other => return Err(invalid(format!("scheme '{other}' is not ws, wss, http or https"))),
        };
        let host = match url.host() {
            Some(url::Host::Ipv6(ip)) => ip.to_string(),
            Some(host) => host.to_string(),
            None => return Err(invalid("no host".into())),
        };
        let port = url.port().unwrap_or(if tls { 443 } else { 80 });
        if !url.username().is_empty() || url.password().is_some() {
            return Err(invalid("credentials in the url are not supported".into()));
        }
        let authority = match url.host() {
            Some(url::Host::Ipv6(_)) => format!("[{host}]"),
            _ => host.clone(),
        };
        if url.fragment().is_some() {
            return Err(invalid("a websocket url has no #fragment".into()));
        }
        let port_part = url.port().map(|p| format!(":{p}")).unwrap_or_default();
        // The path and query exactly as written (the url crate would normalize them).
        let after_scheme = &text[text.find("://").map_or(0, |i| i + 3)..];
        let resource = after_scheme.find(['/', '?']).map_or("/", |i| &after_scheme[i..]);
        let resource = if resource.starts_with('?') { format!("/{resource}") } else { resource.to_string() };
        PathAndQuery::from_str(&resource).map_err(|e| invalid(e.to_string()))?;
        let request = format!("{scheme}://{authority}{port_part}{resource}");
        Ok(Target { tls, host, port, request })
    }
}

/// Where a connection goes, and through what.
struct Route {
    target: Target,
    proxy: Option<ProxyServer>,
    /// For `wss://`.
    connector: Option<TlsConnector>,
}

/// Why connecting failed.
enum Failure {
    /// As the Error event tells it.
    Failed(ConnectError),
    /// The proxy answered `CONNECT` with another status than 2xx.
    ProxyRefused(String, HandshakeResponse),
    /// The server answered the upgrade with another status than 101. The stream, taken back
    /// from the failed handshake, has the rest of the body.
    Refused { response: Box<Response<Option<Vec<u8>>>>, stream: Option<Box<Reclaim<Stream>>> },
}

impl From<ConnectError> for Failure {
    fn from(error: ConnectError) -> Self {
        Failure::Failed(error)
    }
}

/// A failed handshake, as the Error event tells it.
fn handshake_failed(message: String) -> Failure {
    Failure::Failed(ConnectError::new(FailureKind::Handshake, message))
}

/// Connects, then hands the connection over to its own task; `guard` reports the end.
async fn run(
    mut guard: DisconnectGuard,
    route: Route,
    options: ConnectOptions,
    headers: Vec<(HeaderName, HeaderValue)>,
    link: Arc<Link>,
) {
    let (registry, id) = (guard.registry.clone(), guard.id);
    // Everything up to the end of a refusal's body shares the caller's timeout.
    let deadline = options.timeout.and_then(|limit| Instant::now().checked_add(limit));
    let target = &route.target.clone();
    let opened = within(deadline, open(&registry, route, &options, headers)).await.unwrap_or_else(|| {
        let limit = options.timeout.unwrap_or_default().as_millis();
        let message = format!("timed out after {limit} ms connecting to {}", target.request);
        Err(Failure::Failed(ConnectError::new(FailureKind::Timeout, message)))
    });
    let (kind, message, response) = match opened {
        Ok(Opened { ws, response_headers, extensions, tcp }) => {
            let protocol = response_headers.iter().find(|(name, _)| name == "sec-websocket-protocol");
            let compressed = !extensions.is_empty();
            registry.set_agreed(id, protocol.map(|(_, value)| value.clone()), extensions);
            log::info!("connection {id}: connected to {}", target.request);
            registry.push(id, EventKind::Connected(Handshake::Client { response_headers }));
            // A task of its own: this one is sized for the handshake.
            return executor::spawn(crate::connection::drive(guard, ws, link, Some(tcp), compressed)).detach();
        }
        Err(Failure::Failed(ConnectError { kind, message })) => (kind, message, None),
        Err(Failure::ProxyRefused(message, response)) => (FailureKind::Proxy, message, Some(response)),
        Err(Failure::Refused { response, stream }) => {
            let status = response.status().as_u16();
            let read = response.body().clone().unwrap_or_default();
            let mut body = Vec::new();
            match stream {
                // What has arrived when the time is up is the body.
                Some(mut stream) => {
                    let reading =
                        read_body(&mut stream, status, response.headers(), read, &mut body, MAX_RESPONSE_BODY);
                    within(deadline, reading).await;
                }
                None => {
                    let mut nothing_more = futures::io::empty();
                    read_body(&mut nothing_more, status, response.headers(), read, &mut body, MAX_RESPONSE_BODY).await
                }
            }
            let headers = header_pairs(response.headers());
            let message = format!("handshake refused: {}", response.status());
            (FailureKind::Handshake, message, Some(HandshakeResponse { status, headers, body }))
        }
    };
    log::info!("connection {id}: {message}");
    registry.push(id, EventKind::Error { kind, message: message.clone().into(), response: response.map(Box::new) });
    guard.disconnected(1006, message);
}

/// `future`'s output, or `None` if `deadline` passes first.
async fn within<T>(deadline: Option<Instant>, future: impl Future<Output = T>) -> Option<T> {
    match deadline {
        Some(deadline) => {
            async_std::future::timeout(deadline.saturating_duration_since(Instant::now()), future).await.ok()
        }
        None => Some(future.await),
    }
}

/// The stream beneath tungstenite on a client connection.
type Stream = FrameStream<Box<dyn Io>>;

/// A connection whose handshake succeeded.
struct Opened {
    ws: WebSocketStream<Reclaim<Stream>>,
    /// The 101 response's headers.
    response_headers: Vec<(String, String)>,
    /// The `Sec-WebSocket-Extensions` it agreed on, empty for none.
    extensions: String,
    /// Its socket beneath any TLS.
    tcp: TcpStream,
}

async fn open(
    registry: &Registry,
    route: Route,
    options: &ConnectOptions,
    headers: Vec<(HeaderName, HeaderValue)>,
) -> Result<Opened, Failure> {
    let target = &route.target;
    let tcp = match &route.proxy {
        Some(proxy) => {
            let mut tcp = tcp::connect(&proxy.host, proxy.port, registry.config.socket_timeout).await.map_err(|e| {
                ConnectError::new(FailureKind::Proxy, format!("proxy {}:{}: {}", proxy.host, proxy.port, e.message))
            })?;
            proxy::tunnel(&mut tcp, proxy, &target.host, target.port).await.map_err(|refused| match refused {
                Refused::Message(message) => Failure::Failed(ConnectError::new(FailureKind::Proxy, message)),
                Refused::Status(message, response) => Failure::ProxyRefused(message, response),
            })?;
            tcp
        }
        None => tcp::connect(&target.host, target.port, registry.config.socket_timeout).await?,
    };
    let socket = tcp.clone();
    let io: Box<dyn Io> = match route.connector {
        Some(connector) => {
            let name = options.tls.server_name.as_deref().unwrap_or(&target.host);
            tls::connect(&connector, name, tcp).await.map_err(|e| ConnectError::new(FailureKind::Tls, e))?
        }
        None => Box::new(tcp),
    };
    let mut request =
        target.request.as_str().into_client_request().map_err(|e| handshake_failed(format!("invalid url: {e}")))?;
    let request_headers = request.headers_mut();
    for (name, value) in headers {
        request_headers.append(name, value);
    }
    if let Some(protocol) = &options.protocol {
        let value =
            HeaderValue::from_str(protocol).map_err(|_| handshake_failed(format!("invalid protocol '{protocol}'")))?;
        request_headers.insert("sec-websocket-protocol", value);
    }
    // The caller's headers cannot name extensions (crate::protocol::headers refuses that one).
    let offer = options.compression.unwrap_or(registry.config.compression);
    if offer {
        request_headers.insert("sec-websocket-extensions", HeaderValue::from_static(deflate::OFFER));
    }
    let config = registry.config.websocket();
    let (io, mut reclaimed) = Reclaim::new(FrameStream::new(io, Vec::new(), offer));
    let (mut ws, response) = match async_tungstenite::client_async_with_config(request, io, Some(config)).await {
        Ok(opened) => opened,
        Err(WsError::Http(response)) => {
            return Err(Failure::Refused { response, stream: reclaimed.try_recv().ok().flatten().map(Box::new) })
        }
        Err(err) => return Err(handshake_failed(format!("handshake with {} failed: {err}", target.request))),
    };
    let answer = response.headers().get_all("sec-websocket-extensions");
    let settings = options.deflate.unwrap_or(registry.config.deflate);
    let agreement = deflate::read_answer(answer.iter().filter_map(|v| v.to_str().ok()), offer, settings)
        .map_err(|e| handshake_failed(format!("handshake with {} failed: {e}", target.request)))?;
    // The handshake has just lent the stream back to the connection: it is there.
    ws.get_mut().stream().map_err(|e| handshake_failed(e.to_string()))?.activate(
        Role::Client,
        agreement.as_ref(),
        registry.config.max_message_size,
    );
    let extensions = agreement.map(|a| a.header).unwrap_or_default();
    Ok(Opened { ws, response_headers: header_pairs(response.headers()), extensions, tcp: socket })
}

#[cfg(test)]
mod tests {
    use super::Target;

    #[test]
    fn parses_the_url_forms_the_reference_accepts() {
        let t = Target::parse("ws://127.0.0.1:9000/chat?room=1&x=%20").unwrap();
        assert_eq!((t.tls, t.host.as_str(), t.port), (false, "127.0.0.1", 9000));
        assert_eq!(t.request, "ws://127.0.0.1:9000/chat?room=1&x=%20");
        let t = Target::parse("https://example.org").unwrap();
        assert_eq!(
            (t.tls, t.host.as_str(), t.port, t.request.as_str()),
            (true, "example.org", 443, "wss://example.org/")
        );
        let t = Target::parse("ws://[::1]:8080/").unwrap();
        assert_eq!((t.host.as_str(), t.port, t.request.as_str()), ("::1", 8080, "ws://[::1]:8080/"));
        assert_eq!(Target::parse("http://h/").unwrap().port, 80);
        // Sent as written: no dot-segment removal, no re-encoding.
        assert_eq!(Target::parse("ws://h/a/./b/../c?x=%41").unwrap().request, "ws://h/a/./b/../c?x=%41");
        assert_eq!(Target::parse("ws://h?q=1").unwrap().request, "ws://h/?q=1");
    }

    #[test]
    fn rejects_what_cannot_be_connected_to() {
        for (url, expected) in [
            ("ftp://h/", "scheme 'ftp'"),
            ("not a url", "invalid url"),
            ("ws://user:pw@h/", "credentials"),
            ("ws://h:99999/", "invalid url"),
            ("ws://h/#top", "no #fragment"),
            ("ws://h/a b", "invalid url"),
        ] {
            let err = Target::parse(url).unwrap_err().to_string();
            assert!(err.contains(expected), "{url}: {err}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_a_target_or_an_error_never_a_panic(text in "\\PC*|(ws|wss|http|https|ftp)://[\\[\\]:@a-z0-9./?#%-]*") {
            let _ = Target::parse(&text);
        }

        #[test]
        fn generated_urls_keep_host_port_path_and_query(
            secure in proptest::bool::ANY,
            // No "xx--" label: that prefix makes an (invalid) internationalized name.
            host in "[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,4})?(\\.[a-z]{2,5})?|127\\.0\\.0\\.[1-9][0-9]?",
            port in 1u16..,
            path in "(/[a-zA-Z0-9_.~-]{0,8}){0,3}",
            query in proptest::option::of("[a-z0-9=&]{0,12}"),
        ) {
            let scheme = if secure { "wss" } else { "ws" };
            let query = query.map(|q| format!("?{q}")).unwrap_or_default();
            let url = format!("{scheme}://{host}:{port}{path}{query}");
            let target = Target::parse(&url).unwrap();
            proptest::prop_assert_eq!((target.tls, target.host.as_str(), target.port), (secure, host.as_str(), port));
            let default_port = if secure { 443 } else { 80 };
            let authority = if port == default_port { host.clone() } else { format!("{host}:{port}") };
            let path = if path.is_empty() { "/".to_string() } else { path };
            proptest::prop_assert_eq!(target.request, format!("{scheme}://{authority}{path}{query}"));
        }
    }
}
