//! The examples of examples/ and of the cookbook run as their pages say: the demo, the Defold-style
//! script, the module echo under both stock interpreters, the echo server and client, wss, the
//! admission example, reconnecting, heartbeats, JSON messages, the browser page and the JSON chat
//! client.

mod common;

use common::*;

#[test]
fn the_examples_run() {
    let mut command = runner();
    command.arg("examples/echo.lua");
    let out = finish(command);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "echo.lua: {stdout}");
    assert!(
        stdout.contains("client: echo 3: text") && stdout.contains("code 4000, reason \"demo finished\""),
        "{stdout}"
    );

    let mut command = runner();
    command.arg("examples/defold_style.lua");
    let out = finish(command);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.matches("echo: tick at").count() == 3 && stdout.contains("finalize"),
        "{stdout}"
    );

    for interpreter in ["lua5.4", "luajit"] {
        let mut command = stock(interpreter);
        command.arg("examples/module_echo.lua").arg("/nonexistent"); // the module comes from LUA_CPATH
        let out = finish(command);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && stdout.contains("echo: message 3") && stdout.contains("done"),
            "{interpreter}: {stdout}"
        );
    }

    let mut server = Running::start({
        let mut c = runner();
        c.args(["examples/echo_server.lua", "--", "0"]);
        c
    });
    let line = server.line();
    let url = line.strip_prefix("echo server listening on ").expect("the listening line");
    let mut command = runner();
    command.args(["examples/echo_client.lua", "--", url]);
    let out = finish(command);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("echo: third") && stdout.contains("disconnected: 1000"),
        "{stdout}"
    );
    server.signal("TERM");
    assert!(server.wait().0.success());

    // As its header says: certificates first.
    let dir = test_certificates("example", "DNS:localhost,IP:127.0.0.1");
    let mut command = runner();
    command.args(["examples/wss_server.lua", "--"]).arg(&dir);
    let out = finish(command);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && stdout.contains("client: echo: hello over TLS"), "wss_server.lua: {stdout}");
    std::fs::remove_dir_all(&dir).unwrap();

    let mut command = runner();
    command.arg("examples/auth_server.lua");
    let out = finish(command);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let told = ["client /: refused: 401 a token is required", "client /?token=let-me-in: echo: hello"];
    assert!(out.status.success() && told.iter().all(|t| stdout.contains(t)), "auth_server.lua: {stdout}");
}

/// The cookbook's examples (docs/cookbook.md) run as the page says.
#[test]
fn the_cookbook_examples_run() {
    let mut command = runner();
    command.arg("examples/reconnect_demo.lua");
    let out = finish(command);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "reconnect_demo.lua: {stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        stdout.contains("reconnect: try 2 in") && stdout.contains("client: the server says welcome back"),
        "{stdout}"
    );

    let mut command = runner();
    command.args(["examples/heartbeat.lua", "--", "3"]);
    let out = finish(command);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && stdout.contains("heartbeat 3: back within"), "heartbeat.lua: {stdout}");

    let mut command = stock("lua5.4");
    command.arg("examples/json_messages.lua");
    let out = finish(command);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("reply 3: sum 33") && stdout.contains("json: done"),
        "json_messages.lua (needs Debian's lua-cjson, which scripts/test installs): {stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// examples/browser/index.html in Chromium talks to a runner echo server.
#[test]
fn the_browser_example_talks_to_a_runner_server() {
    let mut server = Running::start({
        let mut c = runner();
        c.args(["examples/echo_server.lua", "--", "0"]);
        c
    });
    let line = server.line();
    let url = line.strip_prefix("echo server listening on ").expect("the listening line").to_string();
    let mut node = playwright();
    node.arg("tests/site/check_browser_example.js").arg("examples/browser/index.html").arg(&url);
    let out = finish(node);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("server: héllo ✓"),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    server.signal("TERM");
    assert!(server.wait().0.success());
}

/// examples/json_chat_client.lua starts before its server: it backs off with `timer.delay`,
/// connects once a runner echo server is up, and exchanges JSON messages with its name from
/// game.project.
#[test]
fn the_json_chat_client_reconnects_and_talks_json() {
    let port = free_port();
    let dir = scratch("chat");
    let project = dir.join("game.project");
    std::fs::write(&project, "[chat]\nname = ada\n").unwrap();
    let mut client = runner();
    client
        .arg("examples/json_chat_client.lua")
        .arg("--config")
        .arg(&project)
        .arg("--")
        .arg(format!("ws://127.0.0.1:{port}/"));
    let mut client = Running::start(client);
    let first = client.line();
    assert!(first.contains("trying again in"), "the client's first try: {first}");
    let mut server = Running::start({
        let mut c = runner();
        c.args(["examples/echo_server.lua", "--", &port.to_string()]);
        c
    });
    assert!(server.line().starts_with("echo server listening"));
    let (status, rest) = client.wait();
    assert!(status.success(), "{rest}");
    assert!(rest.contains("chat: connected as ada"), "{rest}");
    assert!(rest.contains("  from = ada,\n  n = 3,\n  text = again,\n"), "{rest}");
    server.signal("TERM");
    assert!(server.wait().0.success());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// examples/defold_networking.lua: an HTTP login against node's `http` (tests/peers/http_server.js),
/// a session saved by one run and loaded by the next (the LuaJIT runner's file read by the Lua
/// 5.4 build), then compressed, checksummed websocket messages.
#[test]
fn the_defold_networking_example_logs_in_saves_and_plays() {
    let dir = scratch("defold-networking");
    let mut server = Running::start({
        let mut node = node();
        node.arg(peer_script("http_server.js"));
        node
    });
    let url = format!("http://127.0.0.1:{}/echo", server.port());
    for (run, mut command) in [runner(), runner_lua54()].into_iter().enumerate() {
        command.args(["examples/defold_networking.lua", "--", &url]).env("XDG_DATA_HOME", &dir);
        let out = finish(command);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
        for expected in [&format!("session: run {}", run + 1), "login: status 200", "game: echo verified", "done after"]
        {
            assert!(stdout.contains(expected), "{expected:?} missing:\n{stdout}");
        }
    }
    server.signal("TERM");
    server.wait();
    std::fs::remove_dir_all(&dir).unwrap();
}
