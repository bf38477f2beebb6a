//! A CA and a certificate it signed, made by examples/make_test_certs.sh (openssl).

use crate::peers::repo;
use crate::process::scratch;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Writes `dir/ca.pem`, `dir/server.pem` and `dir/server.key` for `names`
/// (`DNS:localhost,IP:127.0.0.1`).
pub fn make_certificates(dir: &Path, names: &str) {
    // Its chatter is kept for a failure.
    let out = Command::new("sh").arg(repo().join("examples/make_test_certs.sh")).arg(dir).arg(names).output().unwrap();
    assert!(out.status.success(), "make_test_certs.sh (needs openssl): {}", String::from_utf8_lossy(&out.stderr));
}

/// A new scratch directory holding them.
pub fn test_certificates(label: &str, names: &str) -> PathBuf {
    let dir = scratch(&format!("certs-{label}"));
    make_certificates(&dir, names);
    dir
}
