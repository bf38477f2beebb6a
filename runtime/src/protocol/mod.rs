//! The websocket protocol's own rules, on bytes and headers only (no sockets, no tasks): the
//! upgrade request and its answer (`headers`, `handshake`, `response`), what a close frame may
//! carry (`close`), permessage-deflate's negotiation and codec (`deflate`) and the stream that
//! applies it beneath tungstenite (`frames`).

pub(crate) mod close;
mod compressor;
pub(crate) mod deflate;
pub(crate) mod frames;
pub(crate) mod handshake;
pub(crate) mod headers;
pub(crate) mod response;
