//! How bytes reach a peer: TCP over each address a name has (`tcp`), TLS for `wss://` (`tls`),
//! HTTP proxies (`proxy`), and HTTP/1.1 connections kept for reuse (`http`).

pub(crate) mod http;
pub(crate) mod proxy;
pub(crate) mod tcp;
pub(crate) mod tls;
