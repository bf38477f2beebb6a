//! permessage-deflate (RFC 7692): what the two sides agree on in the handshake, and the
//! compressor and decompressor of one connection. [`crate::protocol::frames`] applies them to frames.

use crate::config::DeflateSettings;
use crate::protocol::compressor::Compressor;
use flate2::{Decompress, FlushDecompress, Status};
use std::fmt;
use std::io;

/// The extension's name in `Sec-WebSocket-Extensions`.
const NAME: &str = "permessage-deflate";

/// What a client offers: the extension, and that the server may cap the client's window; or,
/// second choice, the same with each of the client's messages compressed on its own, for
/// servers that take only offers allowing them to ask for that (the Autobahn TestSuite's do).
pub(crate) const OFFER: &str =
    "permessage-deflate; client_max_window_bits, permessage-deflate; client_no_context_takeover; client_max_window_bits";

/// Every compressed message ends with these bytes, which are not sent (RFC 7692 7.2.1): the
/// receiver inflates them after a message's last payload byte.
pub(crate) const TAIL: [u8; 4] = [0, 0, 0xff, 0xff];

/// zlib-rs, like zlib-ng, answers zlib's default level 6 with a faster matcher that made JSON
/// messages 5% larger than C zlib's; 7 takes the lazy matcher, as small and here as fast.
const LEVEL: i32 = 7;

/// One direction's terms: whether each message starts from an empty window, and the window's
/// size (a base-2 logarithm, 8 to 15).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Terms {
    pub no_context_takeover: bool,
    pub max_window_bits: u8,
}

impl Default for Terms {
    fn default() -> Self {
        Terms { no_context_takeover: false, max_window_bits: 15 }
    }
}

/// What the handshake agreed on, seen from one side.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Agreement {
    /// How this side compresses what it sends.
    pub send: Terms,
    /// How the peer compresses what this side receives.
    pub receive: Terms,
    /// This side's `memLevel`.
    pub mem_level: u8,
    /// The `Sec-WebSocket-Extensions` value of the 101 response.
    pub header: String,
}

/// The parameters of one permessage-deflate offer or response, each at most once.
#[derive(Debug, Default, PartialEq)]
struct Params {
    server_no_context_takeover: bool,
    client_no_context_takeover: bool,
    server_max_window_bits: Option<u8>,
    /// Present without a value in an offer: the client accepts a cap from the server.
    client_max_window_bits: Option<Option<u8>>,
}

/// An extension parameter: its name and value, if any.
type Param = (String, Option<String>);

/// The extensions of `Sec-WebSocket-Extensions` values, in order: each a name and its
/// parameters (quoted values unquoted).
fn extensions<'a>(values: impl IntoIterator<Item = &'a str>) -> Vec<(String, Vec<Param>)> {
    let mut list = Vec::new();
    for extension in values.into_iter().flat_map(|v| v.split(',')) {
        let mut parts = extension.split(';').map(str::trim);
        let name = parts.next().unwrap_or_default();
        if name.is_empty() {
            continue;
        }
        let params = parts
            .filter(|p| !p.is_empty())
            .map(|p| match p.split_once('=') {
                Some((key, value)) => (key.trim().to_string(), Some(value.trim().trim_matches('"').to_string())),
                None => (p.to_string(), None),
            })
            .collect();
        list.push((name.to_ascii_lowercase(), params));
    }
    list
}

fn window_bits(key: &str, value: &str) -> Result<u8, String> {
    match value.parse::<u8>() {
        Ok(bits @ 8..=15) if !value.starts_with('0') => Ok(bits),
        _ => Err(format!("{key}={value} is not 8 to 15")),
    }
}

impl Params {
    fn parse(list: &[Param]) -> Result<Params, String> {
        let mut params = Params::default();
        let mut seen = Vec::new();
        for (key, value) in list {
            if seen.contains(&key) {
                return Err(format!("{key} given twice"));
            }
            seen.push(key);
            match (key.as_str(), value.as_deref()) {
                ("server_no_context_takeover", None) => params.server_no_context_takeover = true,
                ("client_no_context_takeover", None) => params.client_no_context_takeover = true,
                ("server_max_window_bits", Some(v)) => params.server_max_window_bits = Some(window_bits(key, v)?),
                ("client_max_window_bits", None) => params.client_max_window_bits = Some(None),
                ("client_max_window_bits", Some(v)) => params.client_max_window_bits = Some(Some(window_bits(key, v)?)),
                (key, Some(v)) => return Err(format!("unknown parameter {key}={v}")),
                (key, None) => return Err(format!("unknown parameter {key}")),
            }
        }
        Ok(params)
    }
}

/// A server's answer to the client's `Sec-WebSocket-Extensions` headers: the first
/// permessage-deflate offer it can honour, or `None` (then it accepts without compression).
pub(crate) fn accept_offer<'a>(
    headers: impl IntoIterator<Item = &'a str>,
    settings: DeflateSettings,
) -> Option<Agreement> {
    extensions(headers).iter().filter(|(name, _)| name == NAME).find_map(|(_, list)| {
        let offer = Params::parse(list).ok()?;
        let mut header = NAME.to_string();
        if offer.server_no_context_takeover {
            header.push_str("; server_no_context_takeover");
        }
        if offer.client_no_context_takeover {
            header.push_str("; client_no_context_takeover");
        }
        // A server may always ask for less than the offer's limit; a client that did not offer
        // client_max_window_bits must not be given one.
        let send_bits = offer.server_max_window_bits.unwrap_or(15).min(settings.window_bits);
        header.push_str(&format!("; server_max_window_bits={send_bits}"));
        let receive_bits = match offer.client_max_window_bits {
            Some(offered) => {
                let bits = offered.unwrap_or(15).min(settings.window_bits);
                header.push_str(&format!("; client_max_window_bits={bits}"));
                bits
            }
            None => 15,
        };
        Some(Agreement {
            send: Terms { no_context_takeover: offer.server_no_context_takeover, max_window_bits: send_bits },
            receive: Terms { no_context_takeover: offer.client_no_context_takeover, max_window_bits: receive_bits },
            mem_level: settings.mem_level,
            header,
        })
    })
}

/// A client's reading of the server's `Sec-WebSocket-Extensions` answer to [`OFFER`] (`offered`)
/// or to no offer: what was agreed, or why the connection must fail (RFC 7692 5).
pub(crate) fn read_answer<'a>(
    headers: impl IntoIterator<Item = &'a str>,
    offered: bool,
    settings: DeflateSettings,
) -> Result<Option<Agreement>, String> {
    let headers: Vec<&str> = headers.into_iter().collect();
    let answer = match extensions(headers.iter().copied()).as_slice() {
        [] => return Ok(None),
        [(name, list)] if name == NAME && offered => Params::parse(list)?,
        [(name, _)] if name == NAME => {
            return Err("the server enabled permessage-deflate, which was not offered".into())
        }
        [(name, _)] => return Err(format!("the server enabled the extension '{name}', which was not offered")),
        _ => return Err(format!("the server enabled several extensions: {}", headers.join(", "))),
    };
    let client_bits = match answer.client_max_window_bits {
        Some(None) => return Err("client_max_window_bits without a value".into()),
        Some(Some(bits)) => bits,
        None => 15,
    };
    Ok(Some(Agreement {
        // A side may always compress with less window than agreed.
        send: Terms {
            no_context_takeover: answer.client_no_context_takeover,
            max_window_bits: client_bits.min(settings.window_bits),
        },
        receive: Terms {
            no_context_takeover: answer.server_no_context_takeover,
            max_window_bits: answer.server_max_window_bits.unwrap_or(15),
        },
        mem_level: settings.mem_level,
        header: headers.join(", "),
    }))
}

/// Why a peer's compressed data ends its connection: the close code and reason to send.
#[derive(Debug)]
pub(crate) struct Fault {
    pub code: u16,
    pub reason: String,
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)
    }
}

impl std::error::Error for Fault {}

impl Fault {
    /// As an I/O error, which is how a stream beneath tungstenite can say it.
    pub fn into_io(self) -> io::Error {
        io::Error::new(io::ErrorKind::InvalidData, self)
    }

    /// The fault an I/O error carries, if it is one.
    pub fn of(err: &io::Error) -> Option<&Fault> {
        err.get_ref().and_then(|inner| inner.downcast_ref::<Fault>())
    }
}

/// Compresses the messages one side sends.
pub(crate) struct Deflater {
    terms: Terms,
    mem_level: u8,
    /// Made on first use and given back by [`Deflater::release`]: idle connections hold none
    /// (zlib-rs's state is some 200 KiB).
    state: Option<Compressor>,
    /// The last bytes sent, up to the window, when the window is kept: a state made after a
    /// release starts from them, so its matches reach back into earlier messages as the peer's
    /// window does.
    history: Vec<u8>,
    /// Whether a message is part way through (it keeps its state).
    in_message: bool,
}

impl Deflater {
    pub fn new(terms: Terms, mem_level: u8) -> Deflater {
        Deflater { terms, mem_level, state: None, history: Vec::new(), in_message: false }
    }

    /// zlib's window of 2^9 bytes never reaches back more than 2^9 - 262 bytes (its MAX_DIST),
    /// so its output also fits a peer's 2^8-byte window: zlib has no 8.
    fn window_bits(&self) -> u8 {
        self.terms.max_window_bits.max(9)
    }

    /// Appends to `out` one frame's payload compressed; `last` ends the message.
    pub fn compress(&mut self, data: &[u8], last: bool, out: &mut Vec<u8>) -> io::Result<()> {
        let state = match self.state.take() {
            Some(state) => state,
            None => {
                let mut state = Compressor::new(LEVEL, self.window_bits(), self.mem_level)?;
                if !self.history.is_empty() {
                    state.set_dictionary(&self.history)?;
                }
                state
            }
        };
        if !self.terms.no_context_takeover {
            self.remember(data);
        }
        let state = self.state.insert(state);
        state.compress_sync(data, out)?;
        self.in_message = !last;
        if last {
            if out.ends_with(&TAIL) {
                out.truncate(out.len() - TAIL.len());
            }
            // A message that adds nothing after a flush gets no output from zlib; its payload is
            // then the empty block's first byte (RFC 7692 7.2.3.6), since an empty payload and
            // the receiver's TAIL would read as a stored block of 0xff00 bytes, swallowing the
            // next messages (found by fuzz/'s deflate_round_trip).
            if out.is_empty() {
                out.push(0);
            }
            if self.terms.no_context_takeover {
                state.reset()?;
            }
        }
        Ok(())
    }

    /// Keeps the last window's worth of what was sent.
    fn remember(&mut self, data: &[u8]) {
        let window = 1 << self.window_bits();
        if data.len() >= window {
            self.history.clear();
            self.history.extend_from_slice(&data[data.len() - window..]);
            return;
        }
        let excess = (self.history.len() + data.len()).saturating_sub(window);
        self.history.drain(..excess);
        self.history.extend_from_slice(data);
    }

    /// Gives back the compressor's state between messages; the next message makes a new one
    /// from the history, at the cost of some 10 µs.
    pub fn release(&mut self) {
        if !self.in_message {
            self.state = None;
        }
    }

    /// Whether it holds a compressor's state now.
    #[cfg(test)]
    pub fn holds_state(&self) -> bool {
        self.state.is_some()
    }
}

/// Inflates the messages one side receives.
pub(crate) struct Inflater {
    terms: Terms,
    state: Option<Decompress>,
}

impl Inflater {
    pub fn new(terms: Terms) -> Inflater {
        Inflater { terms, state: None }
    }

    /// Inflates from `input` until it is used up or `out` holds `cap` bytes; returns how many
    /// input bytes it used.
    pub fn inflate(&mut self, input: &[u8], out: &mut Vec<u8>, cap: usize) -> Result<usize, Fault> {
        // The peer's window is at most the agreed one (zlib's smallest is 2^9).
        let bits = self.terms.max_window_bits.max(9);
        let state = self.state.get_or_insert_with(|| Decompress::new_with_window_bits(false, bits));
        let mut used = 0;
        while out.len() < cap {
            if out.len() == out.capacity() {
                out.reserve((cap - out.len()).min(32 << 10));
            }
            let (before_in, before_out) = (state.total_in(), state.total_out());
            let status = state
                .decompress_vec(&input[used..], out, FlushDecompress::Sync)
                .map_err(|e| Fault { code: 1002, reason: format!("compressed data does not inflate: {e}") })?;
            used += (state.total_in() - before_in) as usize;
            let produced = state.total_out() - before_out;
            if status == Status::StreamEnd {
                // A final deflate block: what follows starts afresh.
                state.reset(false);
            } else if produced == 0 && (used == input.len() || state.total_in() == before_in) {
                break;
            }
        }
        Ok(used)
    }

    /// After a message: forget the window if the peer does not keep it.
    pub fn end_message(&mut self) {
        if self.terms.no_context_takeover {
            self.state = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agreed(offer: &str) -> Option<(Terms, Terms, String)> {
        accept_offer([offer], DeflateSettings::default()).map(|a| (a.send, a.receive, a.header))
    }

    #[test]
    fn a_server_takes_the_first_offer_it_can_honour() {
        let (plain, small) = (Terms::default(), Terms { no_context_takeover: false, max_window_bits: 12 });
        let server_small = "permessage-deflate; server_max_window_bits=12";
        assert_eq!(agreed("permessage-deflate"), Some((small, plain, server_small.into())));
        assert_eq!(
            agreed("permessage-deflate; client_max_window_bits"),
            Some((small, small, format!("{server_small}; client_max_window_bits=12"))),
            "a client that lets the server choose is asked for 4 KiB"
        );
        assert_eq!(agreed("permessage-deflate; client_max_window_bits=9").unwrap().1.max_window_bits, 9);
        assert_eq!(agreed("permessage-deflate; server_max_window_bits=15").unwrap().0.max_window_bits, 12);
        let (send, receive, header) =
            agreed("x-webkit-deflate-frame, permessage-deflate; server_max_window_bits=10; client_no_context_takeover")
                .unwrap();
        assert_eq!(send, Terms { no_context_takeover: false, max_window_bits: 10 });
        assert!(receive.no_context_takeover);
        assert_eq!(header, "permessage-deflate; client_no_context_takeover; server_max_window_bits=10");
        // The first offer is malformed, the second is taken.
        let (send, _, header) =
            agreed("permessage-deflate; server_max_window_bits=16, permessage-deflate; server_no_context_takeover")
                .unwrap();
        assert!(send.no_context_takeover);
        assert_eq!(header, "permessage-deflate; server_no_context_takeover; server_max_window_bits=12");
        for refused in [
            "permessage-deflate; server_max_window_bits",
            "permessage-deflate; server_max_window_bits=7",
            "permessage-deflate; server_max_window_bits=010",
            "permessage-deflate; client_max_window_bits=abc",
            "permessage-deflate; server_no_context_takeover; server_no_context_takeover",
            "permessage-deflate; server_no_context_takeover=1",
            "permessage-deflate; mystery",
            "x-webkit-deflate-frame",
            "",
        ] {
            assert_eq!(agreed(refused), None, "{refused}");
        }
        assert_eq!(agreed("permessage-deflate; server_max_window_bits=\"8\"").unwrap().0.max_window_bits, 8);
    }

    #[test]
    fn a_client_checks_the_answer_against_its_offer() {
        let answer = |value: &str| read_answer([value], true, DeflateSettings::default());
        assert_eq!(read_answer([], true, DeflateSettings::default()), Ok(None));
        let agreement =
            answer("permessage-deflate; client_max_window_bits=9; server_no_context_takeover").unwrap().unwrap();
        assert_eq!(agreement.send, Terms { no_context_takeover: false, max_window_bits: 9 });
        assert!(agreement.receive.no_context_takeover);
        for (bad, why) in [
            ("permessage-deflate; client_max_window_bits", "without a value"),
            ("permessage-deflate; foo=1", "unknown parameter foo=1"),
            ("permessage-deflate, permessage-deflate", "several"),
            ("x-other", "'x-other'"),
        ] {
            assert!(answer(bad).unwrap_err().contains(why), "{bad}");
        }
        assert!(read_answer(["permessage-deflate"], false, DeflateSettings::default())
            .unwrap_err()
            .contains("not offered"));
    }

    /// Compresses `messages` with `send` terms and inflates them back, a byte at a time; with
    /// `release`, the compressor's state is given back after each.
    fn round_trip_releasing(send: Terms, messages: &[Vec<u8>], release: bool) -> usize {
        let mut deflater = Deflater::new(send, 8);
        let mut inflater = Inflater::new(send);
        let mut wire = 0;
        for message in messages {
            if release {
                deflater.release();
                assert!(!deflater.holds_state());
            }
            let mut compressed = Vec::new();
            deflater.compress(message, true, &mut compressed).unwrap();
            wire += compressed.len();
            compressed.extend_from_slice(&TAIL);
            let mut out = Vec::new();
            for byte in compressed.chunks(1) {
                let mut at = 0;
                while at < byte.len() {
                    at += inflater.inflate(&byte[at..], &mut out, usize::MAX).unwrap();
                }
            }
            inflater.end_message();
            assert_eq!(&out, message);
        }
        wire
    }

    fn round_trip(send: Terms, messages: &[Vec<u8>]) -> usize {
        round_trip_releasing(send, messages, false)
    }

    fn json_messages() -> Vec<Vec<u8>> {
        (0..20).map(|i| format!(r#"{{"player":{i},"x":1.5,"y":-2.25,"name":"runner"}}"#).into_bytes()).collect()
    }

    #[test]
    fn a_released_compressor_goes_on_from_what_was_sent() {
        let mut messages = json_messages();
        // One larger than the window: only its end is kept.
        messages.insert(5, (0..6000u32).flat_map(|i| (i % 251).to_le_bytes()).collect());
        for max_window_bits in [9, 12, 15] {
            let terms = Terms { no_context_takeover: false, max_window_bits };
            let (kept, released) =
                (round_trip_releasing(terms, &messages, false), round_trip_releasing(terms, &messages, true));
            // Matches still reach into earlier messages: as small as with the state kept.
            assert!(released <= kept + kept / 50, "{max_window_bits}: {released} vs {kept}");
        }
        let alone = round_trip_releasing(Terms { no_context_takeover: true, max_window_bits: 12 }, &messages, true);
        assert!(alone > round_trip(Terms { no_context_takeover: false, max_window_bits: 12 }, &messages));
    }

    #[test]
    fn a_message_in_progress_keeps_its_state() {
        let mut deflater = Deflater::new(Terms::default(), 8);
        let mut out = Vec::new();
        deflater.compress(b"first half", false, &mut out).unwrap();
        deflater.release();
        assert!(deflater.holds_state());
        deflater.compress(b" and the rest", true, &mut out).unwrap();
        deflater.release();
        assert!(!deflater.holds_state());
    }

    #[test]
    fn settings_out_of_range_are_refused() {
        assert_eq!(DeflateSettings::new(12, 5), Ok(DeflateSettings { window_bits: 12, mem_level: 5 }));
        assert!(DeflateSettings::new(8, 5).unwrap_err().contains("window_bits is 8, not 9 to 15"));
        assert!(DeflateSettings::new(16, 5).is_err());
        assert!(DeflateSettings::new(12, 0).unwrap_err().contains("mem_level is 0, not 1 to 9"));
        assert!(DeflateSettings::new(12, 10).is_err());
    }

    /// A regression test of a finding of fuzz/'s deflate_round_trip: an empty message after
    /// another message (context kept) compressed to nothing, and the receiver read what followed
    /// as the inside of a stored block.
    #[test]
    fn empty_messages_between_others_survive_compression() {
        let messages: Vec<Vec<u8>> = vec![vec![255, 255, 252, 235, 63], vec![], vec![], b"after".to_vec(), vec![]];
        for no_context_takeover in [false, true] {
            round_trip(Terms { no_context_takeover, max_window_bits: 15 }, &messages);
        }
    }

    #[test]
    fn messages_survive_compression_with_every_window_and_context_setting() {
        let json = json_messages();
        let mut sizes = Vec::new();
        for no_context_takeover in [false, true] {
            for max_window_bits in 8..=15 {
                sizes.push(round_trip(Terms { no_context_takeover, max_window_bits }, &json));
            }
        }
        // Keeping the window pays off across similar messages.
        assert!(sizes[7] < sizes[15], "{sizes:?}");
        round_trip(Terms::default(), &[Vec::new(), vec![0; 1 << 20], (0..=255).collect()]);
    }

    #[test]
    fn inflation_stops_at_the_cap_and_bad_data_is_a_fault() {
        let mut compressed = Vec::new();
        Deflater::new(Terms::default(), 8).compress(&vec![0; 10 << 20], true, &mut compressed).unwrap();
        assert!(compressed.len() < 20 << 10, "{}", compressed.len());
        let mut out = Vec::new();
        let used = Inflater::new(Terms::default()).inflate(&compressed, &mut out, 1 << 20).unwrap();
        assert!(out.len() >= 1 << 20 && out.len() < (1 << 20) + (32 << 10), "{}", out.len());
        assert!(used < compressed.len());
        let fault = Inflater::new(Terms::default()).inflate(&[0xff, 0xff, 0xff], &mut Vec::new(), 100).unwrap_err();
        assert_eq!(fault.code, 1002);
    }
}
