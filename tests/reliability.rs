//! Faults and load, end to end: the listener stopped while clients send, the runner receiving
//! SIGTERM under load, and a Lua echo server in the runner serving 1,000 concurrent clients with
//! numbered messages. Each ends with exactly one DISCONNECTED per connection and no leaked file
//! descriptor.

mod common;

use common::raw::*;
use common::*;
use std::collections::HashMap;
use std::io::Write;
use std::net::TcpStream;
use std::time::Duration;
use wslua_runtime::{Config, ConnId, ConnectOptions, DataKind, EventKind, Handshake, ListenOptions, Message, Runtime};

const WAIT: Duration = Duration::from_secs(30);

/// The tests count this process's descriptors, so they run one at a time.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner())
}

/// Opens `n` client connections to `port`; returns them once all are connected.
fn connect_all(rt: &Runtime, port: u16, n: usize) -> Vec<ConnId> {
    let conns: Vec<ConnId> = (0..n)
        .map(|_| {
            rt.connect(&format!("ws://127.0.0.1:{port}/"), ConnectOptions { timeout: Some(WAIT), ..Default::default() })
                .unwrap()
        })
        .collect();
    let mut open = 0;
    while open < n {
        let event = rt.next_event(Some(WAIT)).expect("connecting stalled");
        match event.kind {
            EventKind::Connected(Handshake::Client { .. }) => open += 1,
            other => panic!("connection {} while connecting: {other:?}", event.conn),
        }
    }
    conns
}

/// Drains events until every connection in `conns` has disconnected; asserts each did exactly
/// once, with `code`.
fn expect_disconnects(rt: &Runtime, conns: &[ConnId], code: u16) {
    let mut seen: HashMap<ConnId, u16> = HashMap::new();
    while seen.len() < conns.len() {
        let event = rt.next_event(Some(WAIT)).expect("disconnects stalled");
        if let EventKind::Disconnected { code, .. } = event.kind {
            assert!(seen.insert(event.conn, code).is_none(), "connection {} disconnected twice", event.conn);
        }
    }
    assert!(seen.values().all(|c| *c == code), "codes: {seen:?}");
    assert!(rt.next_event(Some(Duration::from_millis(200))).is_none(), "events after the last disconnect");
    assert!(rt.is_idle());
}

#[test]
fn stopping_the_listener_while_clients_send_ends_each_connection_once_and_frees_every_fd() {
    let _serial = serial();
    let server = Runtime::new(Config::default());
    let client = Runtime::new(Config::default());
    // Warm up the engine (its reactor's descriptors), then take the baseline.
    let port = server.listen(0, 200, Duration::from_secs(5), ListenOptions::default()).unwrap().port;
    let warm = connect_all(&client, port, 1);
    client.disconnect(warm[0], 1000, "").unwrap();
    expect_disconnects(&client, &warm, 1000);
    while server.next_event(Some(Duration::from_millis(200))).is_some() {}
    server.stop_listening(None);
    let baseline = settle_fds("self", open_fds("self"));

    let port = server.listen(0, 200, Duration::from_secs(5), ListenOptions::default()).unwrap().port;
    let conns = connect_all(&client, port, 100);
    let mut server_conns = Vec::new();
    while server_conns.len() < 100 {
        if let Some(EventKind::Connected(Handshake::Server(_))) = server.next_event(Some(WAIT)).map(|e| {
            server_conns.push(e.conn);
            e.kind
        }) {}
    }
    for round in 0..50 {
        for conn in &conns {
            client.send(*conn, Message::text(format!("message {round}").into_bytes())).unwrap();
        }
    }
    // Stop while the messages are still arriving.
    assert_eq!(server.stop_listening(None).len(), 1);
    expect_disconnects(&client, &conns, 1001);
    let mut ended = HashMap::new();
    while ended.len() < server_conns.len() {
        let event = server.next_event(Some(WAIT)).expect("server disconnects stalled");
        if let EventKind::Disconnected { code, .. } = event.kind {
            assert!(ended.insert(event.conn, code).is_none(), "server connection {} ended twice", event.conn);
        }
    }
    assert!(server.is_idle());
    assert_eq!(settle_fds("self", baseline), baseline, "descriptors leaked");
}

/// The runner with examples/echo_server.lua on a free port; returns it and the port.
fn echo_runner() -> (Running, u16) {
    let mut command = runner();
    command.args(["examples/echo_server.lua", "--", "0"]);
    let mut server = Running::start(command);
    let first = server.line();
    let port = first.trim_end_matches('/').rsplit(':').next().unwrap().parse().expect("a port");
    (server, port)
}

#[test]
fn a_lua_echo_server_serves_1000_clients_every_reply_once_in_order_without_leaks() {
    let _serial = serial();
    const CLIENTS: usize = 1000;
    const MESSAGES: u32 = 20;
    let (server, port) = echo_runner();
    let pid = server.pid().to_string();
    let baseline = open_fds(&pid);
    let client = Runtime::new(Config::default());
    let conns = connect_all(&client, port, CLIENTS);
    for i in 0..MESSAGES {
        for conn in &conns {
            client.send(*conn, Message::text(format!("{conn}:{i}").into_bytes())).unwrap();
        }
    }
    let mut next: HashMap<ConnId, u32> = conns.iter().map(|c| (*c, 0)).collect();
    let mut replies = 0;
    while replies < CLIENTS * MESSAGES as usize {
        let event = client.next_event(Some(WAIT)).expect("replies stalled");
        match event.kind {
            EventKind::Message(Message { data, kind: DataKind::Text }) => {
                let expected = next.get_mut(&event.conn).unwrap();
                assert_eq!(
                    String::from_utf8(data.to_vec()).unwrap(),
                    format!("{}:{expected}", event.conn),
                    "lost, repeated or out of order"
                );
                *expected += 1;
                replies += 1;
            }
            other => panic!("connection {}: {other:?}", event.conn),
        }
    }
    assert!(open_fds(&pid) >= baseline + CLIENTS, "the runner holds a descriptor per client");
    for conn in &conns {
        client.disconnect(*conn, 1000, "done").unwrap();
    }
    expect_disconnects(&client, &conns, 1000);
    assert_eq!(settle_fds(&pid, baseline), baseline, "the runner leaked descriptors");
}

#[test]
fn sigterm_to_a_runner_under_load_closes_every_client_once_with_1001() {
    let _serial = serial();
    let (server, port) = echo_runner();
    let client = Runtime::new(Config::default());
    let conns = connect_all(&client, port, 200);
    for round in 0..20 {
        for conn in &conns {
            client.send(*conn, Message::binary(vec![round; 1024])).unwrap();
        }
    }
    server.signal("TERM");
    // Echoes may still arrive first; then exactly one 1001 per connection.
    let mut seen: HashMap<ConnId, (u16, String)> = HashMap::new();
    while seen.len() < conns.len() {
        let event = client.next_event(Some(WAIT)).expect("disconnects stalled");
        if let EventKind::Disconnected { code, reason } = event.kind {
            assert!(seen.insert(event.conn, (code, reason)).is_none(), "connection {} disconnected twice", event.conn);
        }
    }
    let unclean: Vec<_> = seen.values().filter(|(code, _)| *code != 1001).collect();
    assert!(unclean.is_empty(), "{} of {} not closed with 1001, e.g. {:?}", unclean.len(), seen.len(), unclean.first());
    let (status, _) = server.wait();
    assert!(status.success(), "{status}");
}

/// A peer killed with SIGKILL in the middle of a message, and one paused with SIGSTOP while the
/// server keeps sending to it: keepalive or the send limit ends each, once, and every
/// descriptor is given back.
#[test]
fn killed_and_paused_peers_end_once_and_leave_no_descriptor_behind() {
    let _serial = serial();
    let server = Runtime::new(Config {
        ping_interval: Some(Duration::from_millis(300)),
        ping_timeout: Duration::from_millis(500),
        max_send_queue: 1 << 20,
        ..Config::default()
    });
    let port = server.listen(0, 8, Duration::from_secs(5), ListenOptions::default()).unwrap().port;
    let baseline = settle_fds("self", open_fds("self"));
    let mut killed = python_peer("partial_frame.py");
    killed.args(["127.0.0.1", &port.to_string()]);
    let mut killed = Running::start(killed);
    let mut paused = python_peer("watch_close.py");
    paused.arg(format!("ws://127.0.0.1:{port}/"));
    let paused = Running::start(paused);
    let mut opened = Vec::new();
    while opened.len() < 2 {
        let event = server.next_event(Some(WAIT)).expect("the peers did not connect");
        assert!(matches!(event.kind, EventKind::Connected(Handshake::Server(_))));
        opened.push(event.conn);
    }
    // Let the killed peer write its half frame first.
    killed.line();
    drop(killed);
    paused.signal("STOP");
    // Send to both until the engine refuses: the paused one fills its send queue.
    for conn in &opened {
        while server.send(*conn, Message::binary(vec![1; 64 << 10])).is_ok() {
            std::thread::sleep(Duration::from_millis(1));
            if server.pending() > 0 {
                break;
            }
        }
    }
    let mut ended: HashMap<ConnId, u16> = HashMap::new();
    while ended.len() < 2 {
        let event = server.next_event(Some(WAIT)).expect("a dead peer went unnoticed");
        if let EventKind::Disconnected { code, .. } = event.kind {
            assert!(ended.insert(event.conn, code).is_none(), "connection {} ended twice", event.conn);
        }
    }
    assert!(ended.values().all(|code| [1006, 1008].contains(code)), "{ended:?}");
    drop(paused); // its stdout pipe is a descriptor of ours
    assert!(server.next_event(Some(Duration::from_millis(300))).is_none(), "events after the end");
    // Still listening, as at the baseline: only the peers' sockets are gone.
    assert_eq!(settle_fds("self", baseline), baseline, "descriptors leaked");
}

/// websocket.broadcast from a Lua server (tests/lua/flow/broadcast_server.lua) to 1,000 clients:
/// 999 get every message once, in order; one that does not read (its queue filled to near
/// max_send_queue first) is closed with 1008 when the broadcast passes the limit; a closed
/// handle among them is skipped.
#[test]
fn broadcast_reaches_every_reader_in_order_and_closes_the_one_that_does_not_read() {
    let _serial = serial();
    const READERS: usize = 999;
    const COUNT: usize = 256;
    let dir = scratch("broadcast");
    let project = dir.join("game.project");
    std::fs::write(&project, "[websocket]\nmax_send_queue = 1048576\nclose_timeout = 1\n").unwrap();
    let project = project.display().to_string();
    let clients = (READERS + 1).to_string();
    let mut command = runner();
    command.args([
        "tests/lua/flow/broadcast_server.lua",
        "--config",
        &project,
        "--",
        &clients,
        &COUNT.to_string(),
        "1024",
    ]);
    let mut server = Running::start(command);
    let port: u16 = server.line().strip_prefix("port ").expect("the port line").parse().unwrap();
    let mut slow = python_peer("never_reads.py");
    slow.args(["127.0.0.1", &port.to_string()]);
    let mut slow = Running::start(slow);
    let line = slow.line();
    assert!(line.contains("connected"), "{line}");
    assert_eq!(server.line(), "filled", "filling the first client's queue");
    let client = Runtime::new(Config::default());
    // The server starts broadcasting when its last client is in, which may be before this side
    // has reported every EVENT_CONNECTED: connecting and reading share one loop.
    let url = format!("ws://127.0.0.1:{port}/");
    let mut next: HashMap<ConnId, usize> = (0..READERS)
        .map(|_| (client.connect(&url, ConnectOptions { timeout: Some(WAIT), ..Default::default() }).unwrap(), 0))
        .collect();
    let mut ended: HashMap<ConnId, u16> = HashMap::new();
    while ended.len() < READERS {
        let event = client.next_event(Some(WAIT)).expect("the broadcast stalled");
        match event.kind {
            EventKind::Connected(Handshake::Client { .. }) => {}
            EventKind::Disconnected { code, .. } => {
                assert_eq!(next[&event.conn], COUNT, "connection {} ended early", event.conn);
                assert!(ended.insert(event.conn, code).is_none(), "connection {} ended twice", event.conn);
            }
            EventKind::Message(Message { data, kind: DataKind::Text }) => {
                let expected = next.get_mut(&event.conn).unwrap();
                let prefix = format!("b:{expected}:");
                assert!(
                    data.starts_with(prefix.as_bytes()),
                    "connection {}: lost, repeated or out of order",
                    event.conn
                );
                *expected += 1;
                if *expected == COUNT {
                    client.disconnect(event.conn, 1000, "all received").unwrap();
                }
            }
            other => panic!("connection {}: {other:?}", event.conn),
        }
    }
    assert!(ended.values().all(|code| *code == 1000), "{ended:?}");
    let summary = server.line();
    assert_eq!(summary, format!("broadcast first {clients} last {READERS} of {} handles", READERS + 2));
    let ended = server.line();
    assert_eq!(ended, format!("ended {clients}: 1000 {READERS}, 1008 1"));
    assert!(server.wait().0.success());
    drop(slow);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A decompression bomb (10 MiB of zeros in about 10 KiB) sent to a runner whose
/// max_message_size is 1 MiB: closed with 1009 while inflating, its peak memory grows by less
/// than 4 MiB.
#[test]
fn a_decompression_bomb_costs_the_server_less_than_4_mib() {
    let dir = scratch("bomb");
    let project = dir.join("game.project");
    std::fs::write(&project, "[websocket]\ncompression = 1\nmax_message_size = 1048576\n").unwrap();
    let mut command = runner();
    command.args(["examples/echo_server.lua", "--config"]).arg(&project).args(["--", "0"]);
    let mut server = Running::start(command);
    let first = server.line();
    let port: u16 = first.trim().trim_end_matches('/').rsplit(':').next().unwrap().parse().expect("the port line");
    let bomb = frame(0xC2, &deflated(&vec![0; 10 << 20]), false);
    // One compressed message first, so the compressor and inflater exist before the baseline.
    let mut socket = TcpStream::connect(("127.0.0.1", port)).unwrap();
    socket.set_read_timeout(Some(WAIT)).unwrap();
    socket.write_all(&deflate_upgrade()).unwrap();
    read_head(&mut socket);
    socket.write_all(&frame(0xC1, &deflated(b"warm up"), false)).unwrap();
    read_frame(&mut socket).expect("the echo");
    let before = peak_rss(server.pid());
    socket.write_all(&bomb).unwrap();
    let code = close_code(&mut socket);
    let grown = peak_rss(server.pid()).saturating_sub(before);
    drop(server);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, Some(1009));
    println!("decompression bomb: {} compressed bytes; the server's peak RSS grew by {grown} bytes", bomb.len());
    assert!(grown < 4 << 20, "the server's peak RSS grew by {grown} bytes");
}

/// A TLS handshake flood against `listen(port, 100, 2, cb, { tls = ... })`: 3,000 connections
/// that send half a ClientHello and stall. A real `wss://` client is served while they are held;
/// every one of them is dropped at the 2 s handshake timeout; the server's descriptors come back
/// to where they were. The memory each stalled attempt held is printed.
#[test]
fn a_tls_handshake_flood_is_dropped_at_the_timeout_while_a_real_client_is_served() {
    const FLOOD: usize = 3000;
    let _one = serial();
    let dir = test_certificates("tls-flood", "DNS:localhost,IP:127.0.0.1");
    let mut server = Running::start({
        let mut command = runner();
        command.arg("tests/lua/runner/tls_flood_server.lua").arg("--");
        command.arg(dir.join("server.pem")).arg(dir.join("server.key"));
        command
    });
    let line = server.line();
    let port: u16 = line.strip_prefix("port ").and_then(|p| p.parse().ok()).unwrap_or_else(|| panic!("{line}"));
    let pid = server.pid();
    let (fds_before, rss_before) = (open_fds(&pid.to_string()), rss_kib(pid));

    // A TLS record header announcing 512 bytes of handshake, a ClientHello's header, and only
    // 60 of the bytes it announced.
    let mut half = vec![0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03];
    half.extend((0..60u8).map(|i| i.wrapping_mul(37)));
    let started = std::time::Instant::now();
    let mut stalled: Vec<TcpStream> = (0..FLOOD)
        .map(|_| {
            let mut socket = TcpStream::connect(("127.0.0.1", port)).unwrap();
            socket.write_all(&half).unwrap();
            socket
        })
        .collect();
    let flooded_in = started.elapsed();

    // A real client while the flood is held.
    let client = Runtime::new(Config { ca_file: Some(dir.join("ca.pem")), ..Config::default() });
    let conn = client.connect(&format!("wss://localhost:{port}/"), ConnectOptions::default()).unwrap();
    let event = client.next_event(Some(WAIT)).expect("the real client's handshake");
    assert!(matches!(event.kind, EventKind::Connected(_)), "{:?}", event.kind);
    client.send(conn, Message::text("through the flood")).unwrap();
    let event = client.next_event(Some(WAIT)).expect("the real client's echo");
    assert_eq!(event.kind, EventKind::Message(Message::text("through the flood")));
    let served_in = started.elapsed();
    let rss_flooded = rss_kib(pid);
    // The flood was still held then: the last attempt is open, waiting for its timeout.
    let last = stalled.last().unwrap();
    last.set_nonblocking(true).unwrap();
    let still_open = std::io::Read::read(&mut &*last, &mut [0u8; 1]);
    assert!(
        matches!(&still_open, Err(e) if e.kind() == std::io::ErrorKind::WouldBlock),
        "the real client was served only after the flood was dropped ({served_in:?}): {still_open:?}"
    );
    last.set_nonblocking(false).unwrap();
    client.disconnect(conn, 1000, "").unwrap();

    // Every stalled attempt is closed by the server at the timeout.
    for socket in &mut stalled {
        socket.set_read_timeout(Some(WAIT)).unwrap();
        let mut byte = [0u8; 1];
        match std::io::Read::read(socket, &mut byte) {
            Ok(0) => {}
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {}
            other => panic!("a stalled TLS attempt was not dropped: {other:?}"),
        }
    }
    let dropped_in = started.elapsed();
    drop(stalled);
    let fds_after = settle_fds(&pid.to_string(), fds_before);
    assert_eq!(fds_after, fds_before, "the server's descriptors after the flood");
    println!(
        "TLS flood: {FLOOD} half ClientHellos sent in {:.2} s; a real client served {:.2} s into the flood; \
         all dropped {:.2} s in; RSS {} KiB before, {} KiB during ({} bytes per stalled attempt); descriptors {fds_before} -> {fds_after}",
        flooded_in.as_secs_f64(),
        served_in.as_secs_f64(),
        dropped_in.as_secs_f64(),
        rss_before,
        rss_flooded,
        (rss_flooded.saturating_sub(rss_before) * 1024) / FLOOD as u64
    );
    server.signal("TERM");
    server.wait();
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The mixed soak (scripts/soak --mixed) in its short mode: 30 clients for 30 s over wss:// with
/// compression, sessions churning, some vanishing mid-frame, channels across two runners on one
/// redis-server. It fails on a lost or changed echo, a failed connection, or descriptors not
/// back to their baseline; the summary must name both runners, their RSS once the clients have
/// gone and the clients' counts.
#[test]
fn the_mixed_soak_short_mode_loses_nothing_and_leaves_no_descriptor() {
    let _one = serial();
    let results = scratch("soak");
    let out = std::process::Command::new("scripts/soak")
        .current_dir(repo())
        .args(["--mixed", "0.5", "30"])
        .env("WSLUA", env!("CARGO_BIN_EXE_wslua"))
        .env("SOAK_RESULTS", &results)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    let summary = std::fs::read_to_string(results.join("soak-mixed.md")).unwrap();
    for part in ["| a |", "| b |", "clients gone", "echoes sent", "vanished", "publications heard"] {
        assert!(summary.contains(part), "{part} missing from the summary:\n{summary}");
    }
    assert!(std::fs::read_to_string(results.join("soak-mixed.svg")).unwrap().contains("<polyline"));
}

/// `scripts/soak --rounds` in a short mode: two rounds of 200 wss:// sessions with compression
/// and a publication each against one runner on redis-server; none may fail, the runner's
/// descriptors must come back to the baseline after each round, and so must its RSS, within
/// `RSS_LEFT`: the memory a round used is given back once its connections are gone
/// (runtime/src/core/trim.rs). Without that, glibc kept 9 to 13 MiB of it here.
#[test]
fn the_soak_rounds_short_mode_fails_no_session_and_gives_back_descriptors_and_memory() {
    const RSS_LEFT: u64 = 5 << 10;
    let _one = serial();
    let out = std::process::Command::new("scripts/soak")
        .current_dir(repo())
        .args(["--rounds", "2", "200"])
        .env("WSLUA", env!("CARGO_BIN_EXE_wslua"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    for round in ["round 1: 200 sessions, 0 failed", "round 2: 200 sessions, 0 failed"] {
        assert!(stdout.contains(round), "{round:?} missing:\n{stdout}");
    }
    // The figures right after `label`, on the line that has it.
    let kib = |label: &str| -> Vec<u64> {
        let line = stdout.lines().find(|l| l.contains(label)).unwrap_or_else(|| panic!("no {label:?}:\n{stdout}"));
        line.split(label).nth(1).unwrap().split_whitespace().map_while(|n| n.parse().ok()).collect()
    };
    let start = kib("; RSS ")[0];
    let rounds = kib("RSS after each round (KiB): ");
    assert_eq!(rounds.len(), 2, "{stdout}");
    assert!(rounds.iter().all(|&after| after <= start + RSS_LEFT), "RSS not given back after a round:\n{stdout}");
}

/// More connections than LuaJIT lets mlua reference from Rust (8,000 values in its auxiliary
/// stack): the runner once held each connection's handle and callback there, and past 8,000
/// every callback failed with "out of Lua stack". 9,000 clients, each subscribed in its
/// callback; one publish reaches all of them.
#[test]
fn a_luajit_runner_holds_9000_connections_each_with_its_handle_and_callback() {
    let _serial = serial();
    const CLIENTS: usize = 9000;
    let mut command = runner();
    command.arg("tests/lua/runner/many_connections.lua");
    let mut server = Running::start(command);
    let port: u16 = server.line().trim().parse().expect("a port");
    let client = Runtime::new(Config::default());
    let conns = connect_all(&client, port, CLIENTS);
    // A client may see its 101 before the server's callback subscribed it: asked until all are.
    loop {
        client.send(conns[0], Message::text(b"count".to_vec())).unwrap();
        let event = client.next_event(Some(WAIT)).expect("no count");
        let EventKind::Message(count) = event.kind else { panic!("{:?}", event.kind) };
        if count.data[..] == *CLIENTS.to_string().as_bytes() {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    client.send(conns[0], Message::text(b"to all".to_vec())).unwrap();
    let mut reached = std::collections::HashSet::new();
    while reached.len() < CLIENTS {
        let event = client.next_event(Some(WAIT)).expect("the publication stalled");
        match event.kind {
            EventKind::Message(message) if &message.data[..] == b"to all" => assert!(reached.insert(event.conn)),
            other => panic!("connection {}: {other:?}", event.conn),
        }
    }
    for conn in &conns {
        client.disconnect(*conn, 1000, "done").unwrap();
    }
    expect_disconnects(&client, &conns, 1000);
    drop(server);
}
