//! `websocket.event_fd()` in the event loops of other libraries, under stock `lua5.4` with the
//! module (Debian's lua-luv, lua-cqueues and lua-socket, installed by scripts/test): a server and
//! a client in one loop beside a timer of the loop's own, 1,000 messages echoed through the
//! descriptor, and the loop idle for 5 s using under 1% of a core. Each prints its figures (the
//! round trip through the descriptor and through `websocket.update(1)`), which the performance
//! page quotes; they are reported, not asserted.

mod common;

use common::*;

fn through(loop_name: &str) {
    let mut command = stock("lua5.4");
    command.arg(format!("tests/lua/loops/{loop_name}.lua"));
    let out = finish(command);
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(
        out.status.success() && stdout.contains(&format!("ok {loop_name}")),
        "{loop_name} (needs Debian's lua-luv, lua-cqueues and lua-socket, which scripts/test installs): {}\n{stdout}\n{stderr}",
        out.status
    );
    let figures = stdout.lines().find(|l| l.starts_with("figures ")).expect("the figures line");
    eprintln!("{figures}");
    let idle: f64 = figures
        .split("idle_cpu=")
        .nth(1)
        .and_then(|rest| rest.split('%').next())
        .and_then(|n| n.parse().ok())
        .expect("idle_cpu");
    assert!(idle < 1.0, "{loop_name}: an idle loop used {idle}% of a core");
    let ticks: u64 = figures.split("ticks=").nth(1).and_then(|n| n.trim().parse().ok()).expect("ticks");
    assert!(ticks > 0, "{loop_name}: the loop's own timer never ran beside the echoes");
}

#[test]
fn luv_waits_on_the_descriptor() {
    through("luv");
}

#[test]
fn cqueues_waits_on_the_descriptor() {
    through("cqueues");
}

#[test]
fn socket_select_waits_on_the_descriptor() {
    through("select");
}

/// LÖVE 11 (Debian's `love`, LuaJIT) with the LuaJIT module: examples/love connects to a runner
/// echo server in `love.load`, pumps with `websocket.update(0)` in `love.update`, draws what it
/// received, and from the screenshot of its window (under Xvfb) counts the lines that have text.
#[test]
fn love_runs_the_module_in_its_frame_loop() {
    let dir = scratch("love");
    let mut server = Running::start({
        let mut command = runner();
        command.args(["examples/echo_server.lua", "--", "0"]);
        command
    });
    let line = server.line();
    let url = line.strip_prefix("echo server listening on ").expect("the listening line").to_string();
    let modules = std::env::var_os("WSLUA_MODULE_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| repo().join("target/lua-modules"))
        .join("luajit");
    // Debian's xvfb-run and love, which scripts/test installs.
    let mut love = std::process::Command::new("xvfb-run");
    love.args(["-a", "love", "examples/love", &url]).arg(&modules).env("XDG_DATA_HOME", &dir);
    let out = finish(love);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "love under xvfb-run (needs Debian's love, xvfb and xauth): {}\n{stdout}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    for expected in ["drawn: connected", "drawn: echo: hello 1 from LOVE", "drawn: echo: hello 3 from LOVE"] {
        assert!(stdout.contains(expected), "{expected:?} not drawn:\n{stdout}");
    }
    assert!(stdout.contains("lines with text: 5 of 5"), "the screenshot does not show every line:\n{stdout}");
    let screenshot = dir.join("love/wslua-love-example/screenshot.png");
    let png = std::fs::read(&screenshot).unwrap_or_else(|e| panic!("{}: {e}", screenshot.display()));
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n") && png.len() > 1000, "not a screenshot");
    server.signal("TERM");
    server.wait();
    std::fs::remove_dir_all(&dir).unwrap();
}
