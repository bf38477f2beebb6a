//! Clients against real servers: a refusal's whole body, and HTTP proxies (Debian's tinyproxy)
//! chosen as curl chooses them.

mod common;

use common::*;
use std::path::Path;

/// Refusals whose body comes late, chunked, too big, stalled or ended by a close: the error event
/// has all of it (tests/lua/peers/refused_bodies.lua), under the runner and both stock interpreters.
#[test]
fn a_refused_handshake_reports_the_whole_body() {
    let mut server = Running::start(python_peer("refusing_server.py"));
    let port = server.json()["port"].as_u64().unwrap().to_string();
    let script = "tests/lua/peers/refused_bodies.lua";
    let mut wslua = runner();
    wslua.args([script, "--", &port]);
    for (label, mut command) in [("wslua", wslua), ("lua5.4", stock("lua5.4")), ("luajit", stock("luajit"))] {
        if label != "wslua" {
            command.args([script, &port]);
        }
        let out = finish(command);
        let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(
            out.status.success() && stdout.contains("ok refused_bodies"),
            "{label}: {}\nstdout:\n{stdout}\nstderr:\n{stderr}",
            out.status
        );
    }
}

/// tests/lua/runner/proxy_client.lua: one message to the echo server at `url` through `proxy`
/// ("off", "env" or a URL), with `env` as the only proxy variables; its one line of output.
fn through_proxy(url: &str, proxy: &str, ca: Option<&Path>, env: &[(&str, &str)]) -> String {
    let mut client = runner();
    for name in ["http_proxy", "https_proxy", "all_proxy", "no_proxy"] {
        client.env_remove(name).env_remove(name.to_ascii_uppercase());
    }
    client.envs(env.iter().copied()).args(["tests/lua/runner/proxy_client.lua", "--", url, proxy]).args(ca);
    let out = finish(client);
    let stdout = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    stdout
}

/// ws:// and wss:// through a real HTTP proxy (tinyproxy): given as `proxy`, or by `http_proxy`
/// / `https_proxy`, bypassed by `no_proxy`; with the Basic credentials a second proxy requires
/// (407 without them); and a CONNECT the proxy refuses (403), with its answer in
/// `handshake_response`.
#[test]
fn clients_tunnel_through_an_http_proxy_chosen_as_curl_does() {
    let dir = test_certificates("proxy", "DNS:localhost,IP:127.0.0.1");
    let mut ws_server = Running::start({
        let mut c = runner();
        c.args(["examples/echo_server.lua", "--", "0"]);
        c
    });
    let ws_port: u16 = ws_server.line().rsplit(':').next().unwrap().trim_end_matches('/').parse().unwrap();
    let mut wss_server = Running::start({
        let mut c = runner();
        c.args(["tests/lua/runner/wss_echo_server.lua", "--"]).arg(dir.join("server.pem")).arg(dir.join("server.key"));
        c
    });
    let wss_port: u16 = wss_server.line().strip_prefix("port ").expect("the port line").parse().unwrap();
    let (_open, open_port) = tinyproxy(&dir, "open", &[ws_port, wss_port], None);
    let (_auth, auth_port) = tinyproxy(&dir, "auth", &[ws_port, wss_port], Some("wslua s3cret"));
    let (ws, wss) = (format!("ws://127.0.0.1:{ws_port}/"), format!("wss://localhost:{wss_port}/"));
    let ca = dir.join("ca.pem");
    let open = format!("http://127.0.0.1:{open_port}");
    let with_credentials = format!("http://wslua:s3cret@127.0.0.1:{auth_port}");
    let echoed = "echo through the proxy";

    assert_eq!(through_proxy(&ws, &open, None, &[]), echoed, "ws, proxy given");
    assert_eq!(through_proxy(&wss, &open, Some(&ca), &[]), echoed, "wss, proxy given");
    assert_eq!(through_proxy(&ws, "env", None, &[("http_proxy", &open)]), echoed, "ws, http_proxy");
    assert_eq!(through_proxy(&wss, "env", Some(&ca), &[("HTTPS_PROXY", &open)]), echoed, "wss, HTTPS_PROXY");
    let log = std::fs::read_to_string(dir.join("open.log")).unwrap();
    for port in [ws_port, wss_port] {
        let connects = log.matches(&format!("CONNECT 127.0.0.1:{port} ")).count()
            + log.matches(&format!("CONNECT localhost:{port} ")).count();
        assert_eq!(connects, 2, "the proxy's log has both tunnels to {port}:\n{log}");
    }

    // The environment names a proxy that is not there: used unless no_proxy names the host.
    let nowhere = [("http_proxy", "http://127.0.0.1:1")];
    let failed = through_proxy(&ws, "env", None, &nowhere);
    assert!(failed.starts_with("error - proxy 127.0.0.1:1: cannot connect"), "{failed}");
    let bypassed = [nowhere[0], ("no_proxy", "example.org,127.0.0.1")];
    assert_eq!(through_proxy(&ws, "env", None, &bypassed), echoed, "no_proxy");
    assert_eq!(through_proxy(&ws, "off", None, &nowhere), echoed, "proxy = false");

    assert_eq!(through_proxy(&ws, &with_credentials, None, &[]), echoed, "ws, Basic credentials");
    assert_eq!(through_proxy(&wss, &with_credentials, Some(&ca), &[]), echoed, "wss, Basic credentials");
    let unauthorized = through_proxy(&ws, &format!("http://127.0.0.1:{auth_port}"), None, &[]);
    assert!(unauthorized.starts_with("error 407 proxy 127.0.0.1:"), "{unauthorized}");
    let forbidden = through_proxy("ws://127.0.0.1:1/", &open, None, &[]);
    assert!(
        forbidden.starts_with(&format!("error 403 proxy 127.0.0.1:{open_port} refused CONNECT 127.0.0.1:1")),
        "{forbidden}"
    );
}
