//! Servers against real clients: `wss://` with certificates made here, and the `accept` hook.

mod common;

use common::*;
use std::process::Command;

/// A `wss://` runner server with certificates made by openssl here: python `websockets` and node
/// `ws` clients trusting the CA exchange 1,000 messages each way and close with a code and
/// reason; a client that does not trust it fails and the server serves on; wslua clients get in
/// with `tls.ca_file` or `tls.verify = false`, and with neither get an error naming the problem.
#[test]
fn a_wss_server_serves_clients_that_trust_its_ca() {
    let dir = test_certificates("wss", "DNS:localhost,IP:127.0.0.1,IP:::1");
    let (ca, certificate, key) = (dir.join("ca.pem"), dir.join("server.pem"), dir.join("server.key"));

    let mut server = Running::start({
        let mut c = runner();
        c.args(["tests/lua/runner/wss_echo_server.lua", "--"]).arg(&certificate).arg(&key);
        c
    });
    let port = server.line().strip_prefix("port ").expect("the port line").to_string();
    let url = format!("wss://127.0.0.1:{port}/");

    let mut untrusting = python_peer("many.py");
    untrusting.env_remove("SSL_CERT_FILE").env_remove("SSL_CERT_DIR").arg(&url).arg("1");
    let out = finish(untrusting);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && stderr.contains("CERTIFICATE_VERIFY_FAILED"), "{stderr}");

    let mut python = python_peer("many.py");
    python.env("SSL_CERT_FILE", &ca).arg(&url).arg("1000");
    let mut node = Command::new("node");
    node.env("NODE_PATH", repo().join("tests/peers/node_modules"))
        .env("NODE_EXTRA_CA_CERTS", &ca)
        .arg("tests/peers/many.js")
        .arg(&url)
        .arg("1000");
    for (label, client) in [("python", python), ("node", node)] {
        let out = finish(client);
        let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(out.status.success(), "{label}: {stdout} {stderr}");
        let result: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
        assert_eq!(result["echoes"], 1000, "{label}: {stdout}");
        assert_eq!(result["close"], serde_json::json!([4003, "many done"]), "{label}: {stdout}");
        assert_eq!(server.line(), "closed 4003 many done", "{label}, server side");
    }

    let mut clients = runner();
    clients.env_remove("SSL_CERT_FILE").env_remove("SSL_CERT_DIR");
    clients.args(["tests/lua/runner/wss_clients.lua", "--"]).arg(format!("wss://localhost:{port}/")).arg(&ca);
    let out = finish(clients);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(out.status.success(), "{stdout} {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(lines[..2], ["ca_file connected hello over tls", "verify=false connected hello over tls"]);
    assert!(lines[2].starts_with("neither error") && lines[2].contains("certificate verify failed"), "{stdout}");
    server.signal("TERM");
    assert!(server.wait().0.success());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `listen`'s `accept` hook, seen by python `websockets`: each refusal arrives as an
/// `InvalidStatus` with the hook's status and body (or the defaults), an error in the hook
/// refuses with 500 and logs its traceback, a hook slower than `connection_timeout` gets 503;
/// 1,000 refusals in a row leave no descriptor and no memory behind, and take no place of
/// `max_connections`, which counts accepted connections only.
#[test]
fn the_accept_hook_admits_refuses_and_leaves_nothing_behind() {
    let dir = scratch("admission");
    let mut server = Running::start({
        let mut c = runner();
        c.arg("tests/lua/runner/admission_server.lua").stderr(std::fs::File::create(dir.join("stderr")).unwrap());
        c
    });
    let pid = server.pid();
    let base = format!("ws://127.0.0.1:{}", server.line().strip_prefix("port ").expect("the port line"));
    let probe = |paths: &[&str]| -> Vec<serde_json::Value> {
        let mut python = python_peer("admission.py");
        python.arg(&base).arg("probe").args(paths);
        let out = finish(python);
        let stdout = String::from_utf8_lossy(&out.stdout).to_string();
        assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
        stdout.lines().map(|line| serde_json::from_str(line).unwrap()).collect()
    };
    let refusal = |status: u64, body: &str| serde_json::json!({ "status": status, "body": body });
    let results = probe(&["/deny", "/plain", "/error", "/bad-status", "/slow", "/ok"]);
    let expected = [
        ("/deny", refusal(401, "no token\n")),
        ("/plain", refusal(403, "Forbidden\n")),
        ("/error", refusal(500, "Internal Server Error\n")),
        ("/bad-status", refusal(500, "Internal Server Error\n")),
        ("/slow", refusal(503, "the server did not decide in time\n")),
        ("/ok", serde_json::json!({ "open": true })),
    ];
    for (result, (path, mut want)) in results.iter().zip(expected) {
        want["path"] = path.into();
        assert_eq!(*result, want);
    }
    assert_eq!(server.line(), "connected /ok", "only the accepted request reaches the callback");
    assert_eq!(server.line(), "disconnected /ok");

    // The one place taken: another accepted request finds the server full.
    let mut holder = Running::start({
        let mut python = python_peer("admission.py");
        python.arg(&base).args(["hold", "/ok"]);
        python
    });
    assert_eq!(holder.json()["open"], true);
    assert_eq!(server.line(), "connected /ok");
    assert_eq!(probe(&["/ok"])[0]["status"], 503, "max_connections is 1");

    let refuse = |n: &str| {
        let mut python = python_peer("admission.py");
        python.arg(&base).args(["refuse", n, "/deny"]);
        let out = finish(python);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(summary["statuses"], serde_json::json!([401]));
    };
    refuse("100");
    let (fds, rss) = (open_fds(&pid.to_string()), rss_kib(pid));
    refuse("1000");
    assert_eq!(settle_fds(&pid.to_string(), fds), fds, "descriptors after 1,000 refusals");
    let grown = rss_kib(pid).saturating_sub(rss);
    assert!(grown < 1024, "RSS grew by {grown} KiB over 1,000 refusals");

    // Refusals took no place: when the holder leaves, the next accepted request gets in.
    drop(holder);
    assert_eq!(server.line(), "disconnected /ok");
    assert_eq!(probe(&["/ok"])[0]["open"], true);
    server.signal("TERM");
    assert!(server.wait().0.success());
    let stderr = std::fs::read_to_string(dir.join("stderr")).unwrap();
    assert!(stderr.contains("error in accept hook (refused with 500)"), "{stderr}");
    assert!(stderr.contains("hook failed on purpose") && stderr.contains("stack traceback"), "{stderr}");
    assert!(stderr.contains("bad return value #2 from 'accept' (must be from 400 to 599, got 200)"), "{stderr}");
}

/// A runner on tests/lua/runner/shared_port.lua: its port line, and the process.
fn port_server(port: u16, share: bool) -> (Running, u16) {
    let mut command = runner();
    command.args(["tests/lua/runner/shared_port.lua", &port.to_string(), if share { "share" } else { "alone" }]);
    let mut server = Running::start(command);
    let line = server.line();
    let port = line.strip_prefix("port ").and_then(|p| p.parse().ok()).unwrap_or_else(|| panic!("{line}"));
    (server, port)
}

/// `reuse_port`: two runners serve one port and the kernel gives each a share of 40 clients;
/// a port held by a server that does not share it cannot be taken with `reuse_port`, and says so.
#[test]
fn two_runners_with_reuse_port_share_one_port() {
    let (first, port) = port_server(0, true);
    let (second, same) = port_server(port, true);
    assert_eq!(same, port);
    let client = wslua_runtime::Runtime::new(wslua_runtime::Config::default());
    let url = format!("ws://127.0.0.1:{port}/");
    for _ in 0..40 {
        client.connect(&url, wslua_runtime::ConnectOptions::default()).unwrap();
    }
    let mut connected = 0;
    while connected < 40 {
        let event = client.next_event(Some(LIMIT)).expect("connecting stalled");
        assert!(matches!(event.kind, wslua_runtime::EventKind::Connected(_)), "{:?}", event.kind);
        connected += 1;
    }
    let served: Vec<usize> = [first, second]
        .into_iter()
        .map(|server| {
            server.signal("TERM");
            let (status, rest) = server.wait();
            assert!(status.success(), "{status}: {rest}");
            rest.lines().filter(|line| *line == "connection").count()
        })
        .collect();
    assert_eq!(served.iter().sum::<usize>(), 40, "{served:?}");
    assert!(served.iter().all(|n| *n > 0), "one runner got every connection: {served:?}");

    let (_alone, held) = port_server(0, false);
    let mut command = runner();
    command.args(["tests/lua/runner/shared_port.lua", &held.to_string(), "share"]);
    let out = finish(command);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("cannot listen on port {held}: in use by a server that does not share it")),
        "{stderr}"
    );
}
