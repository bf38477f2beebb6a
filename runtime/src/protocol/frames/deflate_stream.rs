//! permessage-deflate beneath tungstenite, which fails any frame with RSV1 set and has no
//! extension hook: frames are found in both directions with tungstenite's own header codec. A
//! compressed message coming in is inflated into plain frames (at most [`CHUNK`] bytes each, so
//! a large message never sits here whole); each data frame going out is deflated and marked
//! RSV1. Everything else passes untouched, for tungstenite to judge.

use crate::protocol::deflate::{Deflater, Fault, Inflater, Terms, TAIL};
use async_tungstenite::tungstenite::protocol::frame::coding::{Data, OpCode};
use async_tungstenite::tungstenite::protocol::frame::FrameHeader;
use async_tungstenite::tungstenite::protocol::Role;
use std::io::{self, Cursor};

/// The most inflated bytes put in one frame for tungstenite.
const CHUNK: usize = 64 << 10;

/// What [`Inflating::process`] did with the bytes it was given.
pub(crate) enum Step {
    /// Whether it prepared anything for tungstenite; either way it wants more input next.
    Prepared(bool),
    /// The bytes are no frame: they go to tungstenite as they are, for it to close with the
    /// right code.
    NotAFrame,
}

/// The receiving side of a compressed connection.
pub(crate) struct Inflating {
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

/// A compressed frame's payload as far as it has come.
struct Compressed {
    mask: Option<[u8; 4]>,
    /// Payload bytes already inflated.
    offset: usize,
    /// Bytes from the read position already unmasked (or never masked).
    clear: usize,
}

/// The frame coming in, `left` payload bytes to go.
struct InFrame {
    left: u64,
    /// `None`: it passes as it is.
    inflate: Option<Compressed>,
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

/// An inflated frame with no message to belong to: a bug here, not the peer's.
fn no_message() -> Fault {
    Fault { code: 1011, reason: "internal error: inflated data outside a message".into() }
}

impl Inflating {
    /// `role` is this side's; `max_message` the inflated size that fails with 1009.
    pub fn new(terms: Terms, role: Role, max_message: usize) -> Inflating {
        Inflating {
            inflater: Inflater::new(terms),
            mask: (role == Role::Server).then_some([0; 4]),
            max_message,
            frame: None,
            message: None,
            inflated: Vec::new(),
        }
    }

    /// Turns the bytes of `raw` from `at` into frames for tungstenite in `out`, until more input
    /// is needed or enough is prepared. Unmasks compressed payloads in place.
    pub fn process(&mut self, raw: &mut [u8], at: &mut usize, out: &mut Vec<u8>) -> Result<Step, Fault> {
        let before = out.len();
        while out.len() - before < CHUNK {
            let Some(frame) = &mut self.frame else {
                let mut cursor = Cursor::new(&raw[*at..]);
                let (header, len) = match FrameHeader::parse(&mut cursor) {
                    Ok(Some(parsed)) => parsed,
                    Ok(None) => break,
                    // tungstenite gives the error its close code.
                    Err(_) => return Ok(Step::NotAFrame),
                };
                let header_len = cursor.position() as usize;
                let frame = self.start_frame(&header, len);
                if frame.inflate.is_none() {
                    out.extend_from_slice(&raw[*at..*at + header_len]);
                }
                self.frame = Some(frame);
                *at += header_len;
                continue;
            };
            let available = (raw.len() - *at).min(usize::try_from(frame.left).unwrap_or(usize::MAX));
            let Some(compressed) = &mut frame.inflate else {
                out.extend_from_slice(&raw[*at..*at + available]);
                *at += available;
                frame.left -= available as u64;
                if frame.left == 0 {
                    self.frame = None;
                    continue;
                }
                break;
            };
            if let Some(mask) = compressed.mask {
                let offset = compressed.offset + compressed.clear;
                for (i, byte) in raw[*at + compressed.clear..*at + available].iter_mut().enumerate() {
                    *byte ^= mask[(offset + i) % 4];
                }
            }
            compressed.clear = available;
            let used = self.inflater.inflate(&raw[*at..*at + available], &mut self.inflated, CHUNK)?;
            *at += used;
            compressed.offset += used;
            compressed.clear -= used;
            frame.left -= used as u64;
            let (left, last) = (frame.left, frame.last);
            self.check_size()?;
            if self.inflated.len() >= CHUNK {
                self.emit(false, out)?;
            } else if left == 0 {
                self.frame = None;
                if last {
                    self.end_message(out)?;
                }
            } else if used == 0 {
                break;
            }
        }
        Ok(Step::Prepared(out.len() > before))
    }

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
        let inflate = compressed.then_some(Compressed { mask: header.mask, offset: 0, clear: 0 });
        InFrame { left: len, inflate, last: header.is_final }
    }

    fn check_size(&mut self) -> Result<(), Fault> {
        let message = self.message.as_mut().ok_or_else(no_message)?;
        if message.size + self.inflated.len() > self.max_message {
            let reason = format!("message too big: over {} bytes once inflated", self.max_message);
            return Err(Fault { code: 1009, reason });
        }
        Ok(())
    }

    /// Frames the inflated bytes for tungstenite.
    fn emit(&mut self, last: bool, out: &mut Vec<u8>) -> Result<(), Fault> {
        let message = self.message.as_mut().ok_or_else(no_message)?;
        let opcode = message.opcode.take().unwrap_or(OpCode::Data(Data::Continue));
        message.size += self.inflated.len();
        let header = FrameHeader { is_final: last, opcode, mask: self.mask, ..FrameHeader::default() };
        // Writing to a Vec cannot fail.
        let _ = header.format(self.inflated.len() as u64, out);
        out.append(&mut self.inflated);
        Ok(())
    }

    /// The last frame of a compressed message: inflate the tail it was sent without.
    fn end_message(&mut self, out: &mut Vec<u8>) -> Result<(), Fault> {
        let mut tail = &TAIL[..];
        while !tail.is_empty() {
            let used = self.inflater.inflate(tail, &mut self.inflated, CHUNK)?;
            tail = &tail[used..];
            self.check_size()?;
            if self.inflated.len() >= CHUNK {
                self.emit(false, out)?;
            }
        }
        self.emit(true, out)?;
        self.inflater.end_message();
        self.message = None;
        Ok(())
    }
}

/// The sending side of a compressed connection.
pub(crate) struct Deflating {
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
    pub fn new(terms: Terms, mem_level: u8) -> Deflating {
        Deflating { deflater: Deflater::new(terms, mem_level), header: Vec::new(), frame: None }
    }

    /// Gives back the compressor's memory until the next message.
    pub fn release(&mut self) {
        self.deflater.release();
    }

    /// Takes all of `input`, putting what is ready for the socket in `pending`.
    pub fn feed(&mut self, mut input: &[u8], pending: &mut Vec<u8>) -> io::Result<()> {
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
                if let Some(OutFrame { header, payload: Some(payload), .. }) = self.frame.take() {
                    self.deflate(header, payload, pending)?;
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
