//! HTTP headers as the API shows them: the reference's custom header string (`"Name: value"`
//! lines separated by `"\r\n"`) or name/value pairs read in, and header maps written out as
//! name/value pairs.

use crate::error::Error;
use async_tungstenite::tungstenite::http::{HeaderMap, HeaderName, HeaderValue};

/// Headers the websocket handshake sets itself; a user value would break or fake it.
const OWNED: &[&str] = &[
    "host",
    "upgrade",
    "connection",
    "content-length",
    "transfer-encoding",
    "sec-websocket-key",
    "sec-websocket-version",
    "sec-websocket-accept",
    "sec-websocket-extensions",
];

/// A client's extra handshake headers, in either of the API's two forms.
#[derive(Debug, Clone, PartialEq)]
pub enum Headers {
    /// `"Name: value"` lines separated by `"\r\n"`.
    Text(String),
    /// Names and values.
    Pairs(Vec<(String, String)>),
}

impl Headers {
    /// Checks them by the same rules in both forms (see [`parse_headers`]).
    pub fn check(&self) -> Result<Vec<(HeaderName, HeaderValue)>, Error> {
        match self {
            Headers::Text(text) => parse_headers(text),
            Headers::Pairs(pairs) => pairs
                .iter()
                .map(|(name, value)| header(name, value, &format!("'{name}'")))
                .collect::<Result<_, _>>()
                .map_err(Error::InvalidHeaders),
        }
    }
}

/// Parses the headers strictly: every line must be `Name: value` with a valid token name, lines
/// end with CRLF (the last may end without), and no empty line, bare CR or bare LF is allowed.
pub fn parse_headers(text: &str) -> Result<Vec<(HeaderName, HeaderValue)>, Error> {
    parse(text).map_err(Error::InvalidHeaders)
}

/// One header, unless its name is invalid or the handshake's own, or its value holds a control
/// character (CR and LF included); `place` says where it was for the error.
fn header(name: &str, value: &str, place: &str) -> Result<(HeaderName, HeaderValue), String> {
    let name =
        HeaderName::from_bytes(name.as_bytes()).map_err(|_| format!("{place}: '{name}' is not a valid header name"))?;
    if OWNED.contains(&name.as_str()) {
        return Err(format!("'{name}' is set by the websocket handshake and cannot be given"));
    }
    let value = HeaderValue::from_str(value.trim())
        .map_err(|_| format!("{place}: the value of '{name}' has invalid characters"))?;
    Ok((name, value))
}

fn parse(text: &str) -> Result<Vec<(HeaderName, HeaderValue)>, String> {
    let body = text.strip_suffix("\r\n").unwrap_or(text);
    if body.is_empty() {
        return Ok(Vec::new());
    }
    let mut headers = Vec::new();
    for (i, line) in body.split("\r\n").enumerate() {
        let n = i + 1;
        if line.is_empty() {
            return Err(format!("line {n} is empty"));
        }
        if line.contains(['\r', '\n']) {
            return Err(format!("line {n} contains a bare CR or LF"));
        }
        let Some((name, value)) = line.split_once(':') else {
            return Err(format!("line {n} ('{line}') is not 'Name: value'"));
        };
        headers.push(header(name, value, &format!("line {n}"))?);
    }
    Ok(headers)
}

/// A response's or request's headers as Lua sees them (see [`join_headers`]).
pub(crate) fn header_pairs(headers: &HeaderMap) -> Vec<(String, String)> {
    join_headers(headers.iter().map(|(name, value)| (name.as_str(), value.as_bytes())))
}

/// Headers as Lua sees them: names in lower case, the values of a repeated name joined with
/// ", ", in the order the names first appear.
pub(crate) fn join_headers<'a>(headers: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = Vec::new();
    for (name, value) in headers {
        let name = name.to_ascii_lowercase();
        let value = String::from_utf8_lossy(value).into_owned();
        match pairs.iter_mut().find(|(n, _)| *n == name) {
            Some((_, joined)) => {
                joined.push_str(", ");
                joined.push_str(&value);
            }
            None => pairs.push((name, value)),
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::{parse_headers, Headers};

    #[test]
    fn pairs_follow_the_rules_of_text() {
        let pairs =
            |list: &[(&str, &str)]| Headers::Pairs(list.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect());
        let headers = pairs(&[("Origin", "example.org"), ("X-Token", " abc ")]).check().unwrap();
        let got: Vec<_> = headers.iter().map(|(n, v)| (n.as_str(), v.to_str().unwrap())).collect();
        assert_eq!(got, [("origin", "example.org"), ("x-token", "abc")]);
        for bad in [("X-A", "a\r\nX-B: b"), ("Upgrade", "h2c"), ("X A", "a"), ("", "a")] {
            assert!(pairs(&[bad]).check().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn accepts_the_reference_example() {
        let headers = parse_headers("Sec-WebSocket-Protocol: chat\r\nOrigin: mydomain.com\r\n").unwrap();
        let pairs: Vec<_> = headers.iter().map(|(n, v)| (n.as_str(), v.to_str().unwrap())).collect();
        assert_eq!(pairs, [("sec-websocket-protocol", "chat"), ("origin", "mydomain.com")]);
    }

    #[test]
    fn rejects_malformed_and_owned_headers() {
        for (text, expected) in [
            ("A: 1\r\n\r\nB: 2", "line 2 is empty"),
            ("A: 1\nB: 2", "bare CR or LF"),
            ("A: 1\rB: 2", "bare CR or LF"),
            ("Bad Name: 1", "not a valid header name"),
            ("NoColon", "is not 'Name: value'"),
            ("Sec-WebSocket-Key: abc", "set by the websocket handshake"),
            ("upgrade: h2c", "set by the websocket handshake"),
            ("A: bad\u{7f}value", "invalid characters"),
        ] {
            let err = parse_headers(text).unwrap_err().to_string();
            assert!(err.contains(expected), "{text:?}: {err}");
        }
        assert!(parse_headers("").unwrap().is_empty());
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_parsed_or_refused_never_a_panic(text in "\\PC*|[A-Za-z:\r\n -]*") {
            let _ = parse_headers(&text);
        }

        #[test]
        fn well_formed_headers_come_back_as_given(
            pairs in proptest::collection::vec(("X-[A-Za-z0-9-]{1,12}", "[!-~]([ -~]{0,30}[!-~])?"), 0..8),
            trailing in proptest::bool::ANY,
        ) {
            let mut text = pairs.iter().map(|(n, v)| format!("{n}: {v}")).collect::<Vec<_>>().join("\r\n");
            if trailing && !pairs.is_empty() {
                text.push_str("\r\n");
            }
            let parsed = parse_headers(&text).unwrap();
            let got: Vec<(String, String)> = parsed.iter().map(|(n, v)| (n.to_string(), v.to_str().unwrap().to_string())).collect();
            let want: Vec<(String, String)> = pairs.iter().map(|(n, v)| (n.to_lowercase(), v.clone())).collect();
            proptest::prop_assert_eq!(got, want);
        }
    }
}
