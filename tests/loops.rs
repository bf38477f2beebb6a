//! `websocket.event_fd()` in the event loops of other libraries, under stock `lua5.4` with the
//! module (Debian's lua-luv, lua-cqueues and lua-socket, installed by scripts/test): a server and
//! a client in one loop beside a timer of the loop's own, 2,000 messages echoed through the
//! descriptor, and the loop idle for 5 s using under 1% of a core. Each prints its figures, which
//! the performance page quotes; they are reported, not asserted: the round trip through the
//! descriptor, and through `websocket.update(1)` in a program without the descriptor
//! (tests/lua/loops/update.lua, the baseline) and in the same process after it was made.

mod common;

use common::*;

/// What follows `name=` in `line`, up to `unit`.
fn figure(line: &str, name: &str, unit: &str) -> f64 {
    line.split(&format!(" {name}="))
        .nth(1)
        .and_then(|rest| rest.split(unit).next())
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no {name} in {line:?}"))
}

/// Runs tests/lua/loops/`script`.lua under lua5.4; its stdout.
fn run(script: &str) -> String {
    let mut command = stock("lua5.4");
    command.arg(format!("tests/lua/loops/{script}.lua"));
    let out = finish(command);
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(
        out.status.success(),
        "{script}.lua (needs Debian's lua-luv, lua-cqueues and lua-socket, which scripts/test installs): {}\n{stdout}\n{stderr}",
        out.status
    );
    stdout.into_owned()
}

fn through(loop_name: &str) {
    let stdout = run(loop_name);
    assert!(stdout.contains(&format!("ok {loop_name}")), "{loop_name} did not finish:\n{stdout}");
    let figures = stdout.lines().find(|l| l.starts_with("figures ")).expect("the figures line");
    let baseline = run("update");
    let update = figure(&format!(" {}", baseline.trim()), "update_rtt", "us");
    let (fd, same) = (figure(figures, "fd_rtt", "us"), figure(figures, "same_process_update_rtt", "us"));
    eprintln!("{figures} update_rtt={update:.1}us ratio={:.2} same_process_ratio={:.2}", fd / update, fd / same);
    let idle = figure(figures, "idle_cpu", "%");
    assert!(idle < 1.0, "{loop_name}: an idle loop used {idle}% of a core");
    let ticks = figure(figures, "ticks", " ");
    assert!(ticks > 0.0, "{loop_name}: the loop's own timer never ran beside the echoes");
}

#[test]
fn luv_waits_on_the_descriptor() {
    through("luv");
}

/// A client in a luv loop against a server in another process (tests/lua/loops/remote.lua),
/// through the descriptor and through `websocket.update(1)`, each in a process of its own,
/// five times each in turn: the median round trips (reported, not asserted).
#[test]
fn luv_talks_to_another_process_through_the_descriptor() {
    let mut server = Running::start({
        let mut command = stock("lua5.4");
        command.args(["tests/lua/loops/remote.lua", "serve"]);
        command
    });
    let url = format!("ws://127.0.0.1:{}/", server.line().trim());
    let mut rtts = [Vec::new(), Vec::new()];
    for _ in 0..5 {
        for (mode, rtt) in ["fd", "update"].iter().zip(&mut rtts) {
            let mut command = stock("lua5.4");
            command.args(["tests/lua/loops/remote.lua", mode, &url]);
            let out = finish(command);
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(
                out.status.success(),
                "remote.lua {mode}: {}\n{stdout}\n{}",
                out.status,
                String::from_utf8_lossy(&out.stderr)
            );
            rtt.push(figure(&format!(" {}", stdout.trim()), "rtt", "us"));
        }
    }
    let [fd, update] = rtts.map(|mut rtt| {
        rtt.sort_by(f64::total_cmp);
        rtt[2]
    });
    eprintln!(
        "figures luv, server in another process: fd_rtt={fd:.1}us update_rtt={update:.1}us ratio={:.2}",
        fd / update
    );
    server.signal("TERM");
}

#[test]
fn cqueues_waits_on_the_descriptor() {
    through("cqueues");
}

#[test]
fn socket_select_waits_on_the_descriptor() {
    through("select");
}

/// 16 connections sending at once through the descriptor, half of them opened before it was
/// made: every echo whole and in order, whichever thread read it.
#[test]
fn many_connections_burst_through_the_descriptor() {
    let stdout = run("burst");
    assert!(stdout.contains("ok burst: 16 clients, 300 echoes each"), "burst.lua did not finish:\n{stdout}");
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
