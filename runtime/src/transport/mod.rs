//! How bytes reach a peer: TCP over each address a name has (`tcp`), TLS for `wss://` (`tls`)
//! and HTTP proxies (`proxy`).

pub(crate) mod proxy;
pub(crate) mod tcp;
pub(crate) mod tls;
