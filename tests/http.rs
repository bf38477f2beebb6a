//! The runner's `http.request` against real servers: node's `http` and `https` (with the test
//! CA, named as `[websocket] ca_file` in game.project), and Debian's tinyproxy in between. The
//! checks are tests/lua/runner/http_client.lua's, run under both VMs of the runner.

mod common;

use common::*;
use std::process::Command;

/// node tests/peers/http_server.js with TLS from `certificates`: it and its two ports.
fn http_server(certificates: &std::path::Path) -> (Running, u16, u16) {
    let mut server = Running::start({
        let mut node = node();
        node.arg(peer_script("http_server.js")).arg(certificates);
        node
    });
    let ports = server.json();
    let port = |name: &str| ports[name].as_u64().and_then(|p| u16::try_from(p).ok()).expect("a port");
    (server, port("port"), port("tls_port"))
}

/// `http_client.lua MODE PORT TLS_PORT FOLDER` under `runner` with `project`: its stdout.
fn client(mut runner: Command, project: &std::path::Path, args: &[String], env: &[(&str, String)]) -> String {
    for name in ["http_proxy", "https_proxy", "all_proxy", "no_proxy"] {
        runner.env_remove(name).env_remove(name.to_ascii_uppercase());
    }
    runner.envs(env.iter().map(|(k, v)| (k, v))).arg("tests/lua/runner/http_client.lua").arg("--config").arg(project);
    runner.arg("--").args(args);
    let out = finish(runner);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success() && stdout.ends_with("ok http_client\n"),
        "{args:?}: {}\nstdout:\n{stdout}\nstderr:\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// Every option and response field, chunked and Content-Length bodies, a 10 MB download to a
/// file, a range, https, the five kinds of `status = 0`, errors before sending, and 100
/// requests in flight sharing keep-alive connections; then http and https through a proxy.
#[test]
fn http_request_behaves_as_defolds_against_real_servers() {
    let dir = test_certificates("http", "DNS:localhost,IP:127.0.0.1");
    let project = dir.join("game.project");
    std::fs::write(
        &project,
        format!("[websocket]\nca_file = {}\n[network]\nhttp_timeout = 1.5\n", dir.join("ca.pem").display()),
    )
    .unwrap();
    let (server, port, tls_port) = http_server(&dir);
    for (vm, runner) in [("LuaJIT", runner()), ("Lua 5.4", runner_lua54())] {
        let folder = dir.join(format!("downloads-{}", vm.replace(' ', "")));
        std::fs::create_dir_all(&folder).unwrap();
        let args = ["direct".to_string(), port.to_string(), tls_port.to_string(), folder.display().to_string()];
        let stdout = client(runner, &project, &args, &[]);
        // The keep-alive figure, for the test's output (and the note).
        println!("{vm}: {}", stdout.lines().find(|l| l.contains("requests in flight")).unwrap_or_default());
        std::fs::remove_dir_all(&folder).unwrap();
    }

    let (proxy, proxy_port) = tinyproxy(&dir, "http-proxy", &[tls_port], None);
    let proxy_url = format!("http://127.0.0.1:{proxy_port}");
    let args = ["proxy".to_string(), port.to_string(), tls_port.to_string()];
    client(runner(), &project, &args, &[("http_proxy", proxy_url.clone()), ("https_proxy", proxy_url)]);
    proxy.signal("TERM");
    proxy.wait();
    let log = std::fs::read_to_string(dir.join("http-proxy.log")).unwrap();
    assert!(log.contains("/echo?via=proxy"), "the plain request went through the proxy:\n{log}");
    assert!(log.contains(&format!("CONNECT localhost:{tls_port}")), "https tunnelled through it:\n{log}");
    server.signal("TERM");
    server.wait();
    std::fs::remove_dir_all(&dir).unwrap();
}
