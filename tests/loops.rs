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
