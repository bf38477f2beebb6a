//! A real browser as the peer: Chromium's own `WebSocket` (tests/browser/peer.js, through
//! playwright-core; scripts/test installs both) against a runner echo server
//! (tests/lua/runner/browser_echo.lua): text, binary, 1 MiB of each, then a close with a code and
//! reason. With `compression = 1` the server agrees to the permessage-deflate that Chromium
//! always offers, and both sides say so; with it off, neither does.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn chromium_round_trip(compression: bool) {
    let modules = repo().join("tests/peers/node_modules");
    assert!(modules.join("playwright-core").exists(), "playwright-core is missing: run scripts/test");
    assert!(Path::new("/usr/bin/chromium").exists(), "/usr/bin/chromium is missing: run scripts/test");
    let dir = std::env::temp_dir().join(format!("wslua-browser-{}-{compression}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let project = dir.join("game.project");
    std::fs::write(&project, format!("[websocket]\ncompression = {}\n", u8::from(compression))).unwrap();
    let mut server = Command::new(env!("CARGO_BIN_EXE_wslua"))
        .current_dir(repo())
        .args(["tests/lua/runner/browser_echo.lua", "--config"])
        .arg(&project)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(server.stdout.take().unwrap()).lines().map_while(Result::ok);
    let port = lines.next().and_then(|l| l.strip_prefix("port ").map(str::to_string)).expect("the port line");
    let out = Command::new("node")
        .env("NODE_PATH", &modules)
        .arg(repo().join("tests/browser/peer.js"))
        .arg(format!("ws://127.0.0.1:{port}/"))
        .output()
        .expect("running node");
    let server_saw: Vec<String> = lines.collect();
    let status = server.wait().unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{report}\n{}", String::from_utf8_lossy(&out.stderr));
    let seen: serde_json::Value = serde_json::from_str(report.trim()).expect("the peer's JSON line");
    assert_eq!(seen["echoed"], serde_json::json!([true, true, true, true]), "{seen}");
    assert_eq!(seen["close"]["code"], 4000, "{seen}");
    assert_eq!(seen["close"]["reason"], "bye from chromium", "{seen}");
    assert_eq!(seen["close"]["clean"], true, "{seen}");
    let extensions = seen["extensions"].as_str().unwrap();
    let connected = server_saw.first().cloned().unwrap_or_default();
    if compression {
        assert!(extensions.starts_with("permessage-deflate"), "chromium agreed to '{extensions}'");
        assert!(connected.starts_with("connected permessage-deflate"), "{server_saw:?}");
    } else {
        assert_eq!(extensions, "");
        assert_eq!(connected, "connected ");
    }
    assert_eq!(server_saw.get(1).map(String::as_str), Some("disconnected 4000 bye from chromium"));
    assert!(status.success());
}

#[test]
fn chromium_exchanges_messages_and_closes_with_compression() {
    chromium_round_trip(true);
}

#[test]
fn chromium_exchanges_messages_and_closes_without_compression() {
    chromium_round_trip(false);
}
