//! A real browser as the peer: Chromium's own `WebSocket` (tests/browser/peer.js, through
//! playwright-core; scripts/test installs both) against a runner echo server
//! (tests/lua/runner/browser_echo.lua): text, binary, 1 MiB of each, then a close with a code and
//! reason. With `compression = 1` the server agrees to the permessage-deflate that Chromium
//! always offers, and both sides say so; with it off, neither does.

mod common;

use common::*;

fn chromium_round_trip(compression: bool) {
    let dir = scratch(&format!("browser-{compression}"));
    let project = dir.join("game.project");
    std::fs::write(&project, format!("[websocket]\ncompression = {}\n", u8::from(compression))).unwrap();
    let mut server = runner();
    server.args(["tests/lua/runner/browser_echo.lua", "--config"]).arg(&project);
    let mut server = Running::start(server);
    let port = server.line().strip_prefix("port ").map(str::to_string).expect("the port line");
    let mut peer = playwright();
    peer.arg(repo().join("tests/browser/peer.js")).arg(format!("ws://127.0.0.1:{port}/"));
    let out = finish(peer);
    let (status, rest) = server.wait();
    let server_saw: Vec<String> = rest.lines().map(str::to_string).collect();
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
