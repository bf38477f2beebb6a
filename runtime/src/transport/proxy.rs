//! HTTP proxies for clients: which proxy a connection goes through (its own setting, or the
//! environment as curl reads it), and the `CONNECT` tunnel through it.

use crate::config::{MAX_PROXY_RESPONSE_HEAD, MAX_REQUEST_HEADERS, MAX_RESPONSE_BODY};
use crate::core::event::HandshakeResponse;
use crate::error::Error;
use crate::protocol::headers::join_headers;
use crate::protocol::response::read_body;
use async_tungstenite::tungstenite::http::{HeaderMap, HeaderName, HeaderValue};
use futures::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

/// A connection's proxy setting.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Proxy {
    /// As the environment says: `https_proxy` (wss) or `http_proxy` (ws), then `all_proxy`,
    /// lower case first, unless `no_proxy` names the host.
    #[default]
    FromEnvironment,
    /// Straight to the server.
    Off,
    /// `http://[user:password@]host[:port]`.
    Url(String),
}

/// The proxy a connection tunnels through.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ProxyServer {
    pub host: String,
    pub port: u16,
    /// The `Proxy-Authorization` value, when the URL has credentials.
    pub authorization: Option<String>,
}

impl Proxy {
    /// The proxy for a connection to `host` (`tls`: wss), reading variables with `var`.
    pub(crate) fn choose(
        &self,
        tls: bool,
        host: &str,
        var: impl Fn(&str) -> Option<String>,
    ) -> Result<Option<ProxyServer>, Error> {
        let url = match self {
            Proxy::Off => return Ok(None),
            Proxy::Url(url) => return parse(url, "proxy").map(Some),
            Proxy::FromEnvironment => {
                let scheme = if tls { "https_proxy" } else { "http_proxy" };
                let named = [scheme, "all_proxy"]
                    .into_iter()
                    .flat_map(|name| [name.to_string(), name.to_ascii_uppercase()])
                    .find_map(|name| var(&name).filter(|v| !v.trim().is_empty()).map(|v| (name, v)));
                let Some((name, url)) = named else { return Ok(None) };
                let bypass = var("no_proxy").or_else(|| var("NO_PROXY")).unwrap_or_default();
                if bypasses(&bypass, host) {
                    return Ok(None);
                }
                (name, url)
            }
        };
        parse(&url.1, &url.0).map(Some)
    }
}

/// Parses a proxy URL; `setting` names where it came from (`proxy`, or the variable), for the
/// error. A URL without a scheme is `http://`, as curl takes it.
fn parse(text: &str, setting: &str) -> Result<ProxyServer, Error> {
    let invalid = |reason: &str| Error::InvalidProxy {
        setting: setting.to_string(),
        url: text.to_string(),
        reason: reason.into(),
    };
    let text = text.trim();
    let with_scheme = if text.contains("://") { text.to_string() } else { format!("http://{text}") };
    let url =
        url::Url::parse(&with_scheme).map_err(|e| invalid(&format!("{e}; a proxy looks like http://host:port")))?;
    if url.scheme() != "http" {
        return Err(invalid(&format!("only http:// proxies are supported, not {}://", url.scheme())));
    }
    let host = match url.host() {
        Some(url::Host::Ipv6(ip)) => ip.to_string(),
        Some(host) => host.to_string(),
        None => return Err(invalid("no host")),
    };
    let decode = |part: &str| percent_encoding::percent_decode_str(part).decode_utf8_lossy().into_owned();
    let authorization = (!url.username().is_empty()).then(|| {
        let credentials = format!("{}:{}", decode(url.username()), decode(url.password().unwrap_or_default()));
        format!("Basic {}", data_encoding::BASE64.encode(credentials.as_bytes()))
    });
    // curl's default proxy port.
    Ok(ProxyServer { host, port: url.port().unwrap_or(1080), authorization })
}

/// Whether `no_proxy` (comma separated: names that also match their subdomains, addresses, or
/// `*`) names `host`.
fn bypasses(no_proxy: &str, host: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    no_proxy.split(',').map(|entry| entry.trim().trim_start_matches('.').trim_end_matches('.')).any(|entry| {
        let entry = entry.trim_start_matches('[').trim_end_matches(']').to_ascii_lowercase();
        entry == "*" || (!entry.is_empty() && (host == entry || host.ends_with(&format!(".{entry}"))))
    })
}

/// Why a tunnel was not opened.
pub(crate) enum Refused {
    /// The proxy failed or broke the exchange.
    Message(String),
    /// It answered `CONNECT` with another status than 2xx.
    Status(String, HandshakeResponse),
}

/// Asks the proxy on `stream` for a tunnel to `host:port`; on success the stream carries the
/// tunnel.
pub(crate) async fn tunnel<S: AsyncRead + AsyncWrite + Unpin>(
    stream: &mut S,
    proxy: &ProxyServer,
    host: &str,
    port: u16,
) -> Result<(), Refused> {
    let authority = if host.contains(':') { format!("[{host}]:{port}") } else { format!("{host}:{port}") };
    let authorization =
        proxy.authorization.as_ref().map(|value| format!("Proxy-Authorization: {value}\r\n")).unwrap_or_default();
    let request = format!("CONNECT {authority} HTTP/1.1\r\nHost: {authority}\r\n{authorization}\r\n");
    let failed = |e: std::io::Error| Refused::Message(format!("proxy {}:{}: {e}", proxy.host, proxy.port));
    stream.write_all(request.as_bytes()).await.map_err(failed)?;
    stream.flush().await.map_err(failed)?;
    let mut head = Vec::new();
    let mut chunk = vec![0u8; 1024];
    loop {
        let mut headers = [httparse::EMPTY_HEADER; MAX_REQUEST_HEADERS];
        let mut response = httparse::Response::new(&mut headers);
        match response.parse(&head) {
            Ok(httparse::Status::Complete(len)) => {
                let status = response.code.unwrap_or_default();
                if (200..300).contains(&status) {
                    if head.len() > len {
                        return Err(Refused::Message(format!(
                            "proxy {}:{} sent data before the tunnel opened",
                            proxy.host, proxy.port
                        )));
                    }
                    return Ok(());
                }
                let reason = response.reason.unwrap_or_default().to_string();
                let pairs = join_headers(response.headers.iter().map(|h| (h.name, h.value)));
                let map: HeaderMap = response
                    .headers
                    .iter()
                    .filter_map(|h| {
                        Some((HeaderName::from_bytes(h.name.as_bytes()).ok()?, HeaderValue::from_bytes(h.value).ok()?))
                    })
                    .collect();
                let mut body = Vec::new();
                read_body(stream, status, &map, head.split_off(len), &mut body, MAX_RESPONSE_BODY).await;
                let message =
                    format!("proxy {}:{} refused CONNECT {authority}: {status} {reason}", proxy.host, proxy.port);
                return Err(Refused::Status(message, HandshakeResponse { status, headers: pairs, body }));
            }
            Ok(httparse::Status::Partial) if head.len() <= MAX_PROXY_RESPONSE_HEAD => {}
            Ok(httparse::Status::Partial) => {
                return Err(Refused::Message(format!(
                    "proxy {}:{}: its answer to CONNECT is too long",
                    proxy.host, proxy.port
                )))
            }
            Err(e) => {
                return Err(Refused::Message(format!(
                    "proxy {}:{}: malformed answer to CONNECT: {e}",
                    proxy.host, proxy.port
                )))
            }
        }
        match stream.read(&mut chunk).await {
            Ok(0) => {
                return Err(Refused::Message(format!(
                    "proxy {}:{} closed the connection during CONNECT",
                    proxy.host, proxy.port
                )))
            }
            Ok(n) => head.extend_from_slice(&chunk[..n]),
            Err(e) => return Err(failed(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{bypasses, Proxy, ProxyServer};
    use std::collections::HashMap;

    fn choose(proxy: Proxy, tls: bool, host: &str, vars: &[(&str, &str)]) -> Option<ProxyServer> {
        let vars: HashMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        proxy.choose(tls, host, |name| vars.get(name).cloned()).unwrap()
    }

    fn at(host: &str, port: u16) -> Option<ProxyServer> {
        Some(ProxyServer { host: host.into(), port, authorization: None })
    }

    #[test]
    fn the_environment_decides_as_curl_does() {
        let env = [("http_proxy", "http://plain:1"), ("HTTPS_PROXY", "secure:2"), ("all_proxy", "http://all:3")];
        assert_eq!(choose(Proxy::FromEnvironment, false, "h", &env), at("plain", 1));
        assert_eq!(choose(Proxy::FromEnvironment, true, "h", &env), at("secure", 2), "no scheme: http://");
        assert_eq!(choose(Proxy::FromEnvironment, true, "h", &env[2..]), at("all", 3));
        assert_eq!(choose(Proxy::FromEnvironment, false, "h", &[]), None);
        let lower_first = [("http_proxy", "lower:1"), ("HTTP_PROXY", "upper:2")];
        assert_eq!(choose(Proxy::FromEnvironment, false, "h", &lower_first), at("lower", 1));
        let bypassed = [("http_proxy", "p:1"), ("no_proxy", "example.org, .local,127.0.0.1")];
        for host in ["example.org", "www.example.org", "a.local", "127.0.0.1"] {
            assert_eq!(choose(Proxy::FromEnvironment, false, host, &bypassed), None, "{host}");
        }
        for host in ["badexample.org", "127.0.0.10", "localhost"] {
            assert_eq!(choose(Proxy::FromEnvironment, false, host, &bypassed), at("p", 1), "{host}");
        }
        // Given explicitly, a proxy is used whatever the environment says.
        let url = Proxy::Url("http://given:4".into());
        assert_eq!(choose(url, false, "example.org", &bypassed), at("given", 4));
        assert_eq!(choose(Proxy::Off, false, "h", &env), None);
    }

    #[test]
    fn credentials_become_basic_authorization() {
        let proxy = choose(Proxy::Url("http://us%40er:p%3Ass@[::1]:8080".into()), false, "h", &[]).unwrap();
        assert_eq!((proxy.host.as_str(), proxy.port), ("::1", 8080));
        // base64("us@er:p:ss")
        assert_eq!(proxy.authorization.as_deref(), Some("Basic dXNAZXI6cDpzcw=="));
        assert_eq!(choose(Proxy::Url("http://h".into()), false, "x", &[]).unwrap().port, 1080);
    }

    #[test]
    fn a_bad_proxy_url_is_an_error_naming_its_source() {
        let vars = |name: &str| (name == "https_proxy").then(|| "socks5://h:1".to_string());
        let err = Proxy::FromEnvironment.choose(true, "h", vars).unwrap_err().to_string();
        assert!(err.contains("https_proxy") && err.contains("only http:// proxies"), "{err}");
        let err = Proxy::Url("http://h:99999".into()).choose(false, "h", |_| None).unwrap_err().to_string();
        assert!(err.starts_with("proxy 'http://h:99999'"), "{err}");
    }

    #[test]
    fn no_proxy_star_matches_everything() {
        assert!(bypasses("*", "anything.example"));
        assert!(bypasses("[::1]", "::1"));
        assert!(!bypasses("", "h"));
    }
}
