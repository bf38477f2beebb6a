//! The repository and the peers scripts/test installs in it (python `websockets` and kosoku in
//! `.venv`, node `ws` and playwright-core in `tests/peers/node_modules`). A missing one fails the
//! test saying what installs it.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository's root.
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("test-support lies in the repository")
}

/// A program of the venv scripts/test makes (`python`, `kosoku`).
pub fn venv(program: &str) -> Command {
    let path = repo().join(".venv/bin").join(program);
    assert!(path.exists(), "{} is missing: run scripts/test, which installs the python peers", path.display());
    Command::new(path)
}

/// The venv python, with `websockets`.
pub fn python() -> Command {
    venv("python")
}

/// The venv python running `tests/peers/SCRIPT`.
pub fn python_peer(script: &str) -> Command {
    let mut command = python();
    command.arg(peer_script(script));
    command
}

/// node with the packages of tests/peers (`ws`, playwright-core).
pub fn node() -> Command {
    let modules = repo().join("tests/peers/node_modules");
    assert!(
        modules.join("ws").exists(),
        "{} lacks ws: run scripts/test, which installs the node peers",
        modules.display()
    );
    let mut node = Command::new("node");
    node.env("NODE_PATH", modules);
    node
}

/// node set up to drive Debian's Chromium through playwright-core.
pub fn playwright() -> Command {
    let chromium = Path::new("/usr/bin/chromium");
    assert!(chromium.exists(), "{} is missing: run scripts/test, which installs Debian's chromium", chromium.display());
    let modules = repo().join("tests/peers/node_modules");
    assert!(
        modules.join("playwright-core").exists(),
        "playwright-core is missing: run scripts/test, which installs it"
    );
    let mut node = Command::new("node");
    node.env("NODE_PATH", modules);
    node
}

pub fn peer_script(name: &str) -> PathBuf {
    repo().join("tests/peers").join(name)
}
