//! Flow control and figures, with Lua servers of tests/lua/flow/ and python clients: a queue that
//! fills drains once with nothing lost, `stats` measure the round trip and count exactly, and a
//! server picks the first of its subprotocols a client offers.

mod common;

use common::*;
use std::process::Command;

/// A Lua server (tests/lua/flow/NAME.lua with `args`) and a python flow client against it,
/// under `interpreter`; returns the server's last line and the client's JSON.
/// `project` is its game.project: the runner's --config, the working directory of a stock
/// interpreter (whose module reads ./game.project).
fn flow(interpreter: &str, name: &str, args: &[&str], client: &[&str], project: &str) -> (String, serde_json::Value) {
    let dir = scratch(&format!("flow-{name}-{interpreter}"));
    std::fs::write(dir.join("game.project"), project).unwrap();
    let script = repo().join(format!("tests/lua/flow/{name}.lua"));
    let mut command = if interpreter == "wslua" { runner() } else { stock(interpreter) };
    command.arg(&script).current_dir(&dir);
    if interpreter == "wslua" {
        command.arg("--config").arg(dir.join("game.project")).arg("--");
    }
    command.args(args);
    let mut server = Running::start(command);
    let port = server.line().strip_prefix("port ").expect("the port line").to_string();
    let mut peer = python_peer("flow_client.py");
    peer.arg(format!("ws://127.0.0.1:{port}/")).args(client);
    let out = finish(peer);
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.status.success(),
        "{interpreter} {name}: the client: {stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (status, rest) = server.wait();
    assert!(status.success(), "{interpreter} {name}: {rest}");
    std::fs::remove_dir_all(&dir).unwrap();
    (rest.trim_end().to_string(), serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("{stdout}: {e}")))
}

/// A peer that stops reading: send's return value and stats.buffered grow; when it reads again,
/// exactly one EVENT_DRAIN, with buffered 0; every message arrives, in order. Under the runner,
/// lua5.4 and luajit.
#[test]
fn a_queue_that_fills_drains_once_with_nothing_lost() {
    for interpreter in ["wslua", "lua5.4", "luajit"] {
        let (server, client) = flow(interpreter, "slow_reader_server", &["200"], &["slow", "200", "1.0"], "");
        assert_eq!(
            (client["received"].as_u64(), client["in_order"].as_bool()),
            (Some(200), Some(true)),
            "{interpreter}"
        );
        assert!(server.contains("growing true drains 1 after 0"), "{interpreter}: {server}");
    }
}

/// stats: rtt after a keepalive round and after ping, within 1 ms of the round trip a python
/// client measures on the same connection (the least of several on each side: a busy machine
/// delays single ones); counters exact after 10,000 messages each way.
#[test]
fn stats_measure_the_round_trip_and_count_exactly() {
    for interpreter in ["wslua", "lua5.4", "luajit"] {
        let (_, client) =
            flow(interpreter, "counting_server", &[], &["rtt", "10000"], "[websocket]\nping_interval = 0.2\n");
        let keepalive_rtt = client["keepalive_rtt"].as_str().unwrap();
        assert!(keepalive_rtt.parse::<f64>().is_ok(), "{interpreter}: no rtt after the keepalive: {client}");
        let (server_rtt, own_rtt) = (client["server_rtt"].as_f64().unwrap(), client["own_rtt"].as_f64().unwrap());
        assert!((server_rtt - own_rtt).abs() < 0.001, "{interpreter}: server {server_rtt} s, client {own_rtt} s");
        assert_eq!(client["echoed"], 10000, "{interpreter}");
        let counters = &client["counters"];
        // Besides the 10,000: "rtt?" six times, "ping-me" five times and "counters" in; six rtt
        // answers out.
        let sent_bytes = client["sent_bytes"].as_u64().unwrap();
        assert_eq!(counters["messages_received"], 10012, "{interpreter}: {counters}");
        assert_eq!(counters["messages_sent"], 10006, "{interpreter}: {counters}");
        assert_eq!(
            counters["bytes_received"].as_u64(),
            Some(sent_bytes + 6 * 4 + 5 * 7 + 8),
            "{interpreter}: {counters}"
        );
        let answers = keepalive_rtt.len() as u64 + client["server_answers"].as_u64().unwrap();
        assert_eq!(counters["bytes_sent"].as_u64(), Some(sent_bytes + answers), "{interpreter}: {counters}");
        assert_eq!(counters["buffered"], 0, "{interpreter}: {counters}");
    }
}

/// listen's `protocols` against python `websockets` and node `ws` clients offering {v1, v2},
/// {v3} and nothing, with the server preferring v2 then v1: v2, none, none on the server's side.
/// node ws refuses a server that picks none of the subprotocols it offered ("Server sent no
/// subprotocol"); python accepts it.
#[test]
fn the_server_picks_the_first_of_its_protocols_that_the_client_offers() {
    let mut server = Running::start({
        let mut c = runner();
        c.arg("tests/lua/runner/protocols_server.lua");
        c
    });
    let port = server.line().strip_prefix("port ").expect("the port line").to_string();
    let url = format!("ws://127.0.0.1:{port}/");
    for (offered, expected) in [(&["v1", "v2"][..], "v2"), (&["v3"][..], "none"), (&[][..], "none")] {
        let mut python = python_peer("offer.py");
        python.arg(&url).args(offered);
        let mut node = Command::new("node");
        node.env("NODE_PATH", repo().join("tests/peers/node_modules"))
            .arg("tests/peers/offer.js")
            .arg(&url)
            .args(offered);
        for (label, client) in [("python", python), ("node", node)] {
            let out = finish(client);
            let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
            if label == "node" && offered == ["v3"] {
                assert!(!out.status.success() && stderr.contains("Server sent no subprotocol"), "{stdout} {stderr}");
            } else {
                assert!(out.status.success(), "{label} {offered:?}: {stdout} {stderr}");
                let chosen: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
                let client_side = chosen["subprotocol"].as_str().unwrap_or("none");
                assert_eq!(client_side, expected, "{label} offering {offered:?}, client side");
            }
            assert_eq!(server.line(), format!("protocol {expected}"), "{label} offering {offered:?}, server side");
        }
    }
    server.signal("TERM");
    assert!(server.wait().0.success());
}
