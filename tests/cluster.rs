//! Channels across processes: three wslua runners (tests/lua/runner/channel_server.lua) behind
//! nginx (tests/cluster/nginx.conf), sharing Redis pub/sub, with 300 python clients
//! (tests/peers/channels.py). Every client gets every published message once and in each
//! publisher's order; a runner killed with SIGKILL takes only its own clients along; Redis
//! stopped for 5 s leaves delivery local, `broker_status` saying "down", and relaying resumes
//! when it is back, with nothing delivered twice. redis-server and nginx are Debian's, installed
//! by scripts/test and started here on free loopback ports.

mod common;

use common::*;
use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

const LIMIT: Duration = Duration::from_secs(120);

/// A child process stopped when dropped, its stdout read line by line.
struct Process {
    child: Child,
    lines: Receiver<String>,
    stdin: Option<ChildStdin>,
}

impl Process {
    fn start(mut command: Command, what: &str) -> Process {
        command.current_dir(repo()).stdin(Stdio::piped()).stdout(Stdio::piped());
        let mut child =
            command.spawn().unwrap_or_else(|e| panic!("{what} could not start ({e}): scripts/test installs it"));
        let (sender, lines) = std::sync::mpsc::channel();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        std::thread::spawn(move || stdout.lines().map_while(Result::ok).try_for_each(|line| sender.send(line)));
        let stdin = child.stdin.take();
        Process { child, lines, stdin }
    }

    fn line(&mut self) -> String {
        self.lines.recv_timeout(LIMIT).expect("no line in time, or the process ended")
    }

    /// Sends a command to tests/peers/channels.py and returns its answer.
    fn ask(&mut self, command: &str) -> Value {
        let stdin = self.stdin.as_mut().unwrap();
        writeln!(stdin, "{command}").unwrap();
        stdin.flush().unwrap();
        let line = self.line();
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("{command}: {line}: {e}"))
    }
}

impl Drop for Process {
    /// SIGTERM first, so nginx stops its workers and run.sh what it started; SIGKILL after 5 s.
    fn drop(&mut self) {
        let _ = Command::new("kill").arg(self.child.id().to_string()).status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while matches!(self.child.try_wait(), Ok(None)) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn redis(port: u16, dir: &Path) -> Process {
    let mut command = Command::new("redis-server");
    command.args(["--bind", "127.0.0.1", "--port", &port.to_string(), "--save", "", "--appendonly", "no"]);
    command.arg("--dir").arg(dir).stderr(Stdio::null());
    let redis = Process::start(command, "redis-server");
    wait_for_port(port, "redis-server");
    redis
}

fn channel_server(project: &Path, port: u16, name: &str) -> Process {
    let mut command = runner();
    command.arg("--config").arg(project);
    command.args(["tests/lua/runner/channel_server.lua", "--", &port.to_string(), name]);
    let mut runner = Process::start(command, "the wslua runner");
    assert_eq!(runner.line(), format!("port {port}"));
    runner
}

/// Every live client got what it should, once, in each publisher's order.
fn assert_complete(report: &Value, clients: u64, what: &str) {
    assert_eq!(report["clients"], clients, "{what}: {report}");
    for count in ["duplicates", "out_of_order", "foreign", "missing"] {
        assert_eq!(report[count], 0, "{what}: {count}: {report}");
    }
    assert_eq!(report["complete"], clients, "{what}: {report}");
}

/// Polls `status` until every live process reports `state`.
fn wait_for_state(clients: &mut Process, state: &str) -> Value {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let status = clients.ask("status");
        let states: Vec<&str> =
            status.as_object().unwrap().values().map(|v| v.as_str().unwrap().split(' ').next().unwrap()).collect();
        if states.iter().all(|s| *s == state) {
            return status;
        }
        assert!(Instant::now() < deadline, "the broker is not {state} everywhere: {status}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn channels_span_three_processes_behind_nginx_through_redis() {
    let dir = scratch("cluster");
    let redis_port = free_port();
    let mut redis_server = redis(redis_port, &dir);
    let project = dir.join("game.project");
    std::fs::write(&project, format!("[websocket]\nbroker = redis://127.0.0.1:{redis_port}\n")).unwrap();
    let ports = [free_port(), free_port(), free_port()];
    let mut runners: Vec<Process> =
        ports.iter().zip(["A", "B", "C"]).map(|(port, name)| channel_server(&project, *port, name)).collect();

    let nginx_port = free_port();
    let config = std::fs::read_to_string(repo().join("tests/cluster/nginx.conf"))
        .unwrap()
        .replace("@DIR@", &dir.display().to_string())
        .replace("@PORT@", &nginx_port.to_string())
        .replace("@A@", &ports[0].to_string())
        .replace("@B@", &ports[1].to_string())
        .replace("@C@", &ports[2].to_string());
    std::fs::write(dir.join("nginx.conf"), config).unwrap();
    let mut nginx = Command::new("nginx");
    nginx.arg("-p").arg(&dir).arg("-c").arg(dir.join("nginx.conf")).arg("-e").arg(dir.join("nginx-error.log"));
    let _nginx = Process::start(nginx, "nginx");
    wait_for_port(nginx_port, "nginx");

    let mut clients = {
        let mut command = python();
        command.arg("tests/peers/channels.py");
        Process::start(command, "python")
    };
    let connected = clients.ask(&format!("connect 300 ws://127.0.0.1:{nginx_port}/"));
    for name in ["A", "B", "C"] {
        assert_eq!(connected["by_process"][name], 100, "nginx's round robin: {connected}");
    }
    assert!(clients.ask("sync")["rounds"].is_u64(), "every client hears every process");

    let heard = clients.ask("heard");
    let report = clients.ask("publish 1000 all");
    assert_complete(&report, 300, "1,000 messages from three processes");
    let heard_after = clients.ask("heard");
    for name in ["A", "B", "C"] {
        let got = heard_after[name].as_str().unwrap().parse::<u64>().unwrap()
            - heard[name].as_str().unwrap().parse::<u64>().unwrap();
        assert_eq!(got, 1000, "the Lua subscriber of {name}");
    }

    // SIGKILL one runner: its clients go, the others keep receiving every message.
    let mut killed = runners.pop().unwrap();
    killed.child.kill().unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let live = clients.ask("live");
        if live["by_process"].get("C").is_none() {
            assert_eq!((live["by_process"]["A"].as_u64(), live["by_process"]["B"].as_u64()), (Some(100), Some(100)));
            break;
        }
        assert!(Instant::now() < deadline, "C's clients were not disconnected: {live}");
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_complete(&clients.ask("publish 500 all"), 200, "after a runner was killed");

    // Redis away for 5 s: delivery stays local, the status says so, then relaying resumes.
    let stopped = Instant::now();
    drop(redis_server);
    let status = wait_for_state(&mut clients, "down");
    assert_complete(&clients.ask("publish 200 local"), 200, "while Redis is down");
    let status_after = clients.ask("status");
    for name in ["A", "B"] {
        let unrelayed = |s: &Value| s[name].as_str().unwrap().split(' ').nth(1).unwrap().parse::<u64>().unwrap();
        assert_eq!(unrelayed(&status_after) - unrelayed(&status), 100, "{name} counts what it could not relay");
    }
    std::thread::sleep(Duration::from_secs(5).saturating_sub(stopped.elapsed()));
    redis_server = redis(redis_port, &dir);
    wait_for_state(&mut clients, "up");
    assert!(clients.ask("sync")["rounds"].is_u64(), "relaying resumed");
    assert_complete(&clients.ask("publish 300 all"), 200, "after Redis came back");
    drop(redis_server);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A broker that is not there: the server starts, serves, publishes locally, says "down" and
/// counts what it could not relay.
#[test]
fn a_broker_on_a_closed_port_is_down_and_publishing_stays_local() {
    let dir = scratch("cluster").join("closed");
    std::fs::create_dir_all(&dir).unwrap();
    let project = dir.join("game.project");
    std::fs::write(&project, format!("[websocket]\nbroker = redis://127.0.0.1:{}\n", free_port())).unwrap();
    let port = free_port();
    let _runner = channel_server(&project, port, "A");
    let mut clients = {
        let mut command = python();
        command.arg("tests/peers/channels.py");
        Process::start(command, "python")
    };
    assert_eq!(clients.ask(&format!("connect 3 ws://127.0.0.1:{port}/"))["by_process"]["A"], 3);
    assert_eq!(clients.ask("status")["A"], "down 0");
    assert_complete(&clients.ask("publish 10 all"), 3, "local delivery");
    assert_eq!(clients.ask("status")["A"], "down 10");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// examples/chat/run.sh as its README says: two clients through nginx land on different
/// runners, and still talk in their rooms, `/join` moving them.
#[test]
fn the_chat_example_runs_across_processes() {
    // Five ports in a row that are free now: nginx, three runners, Redis.
    let base = (0..50)
        .map(|_| free_port())
        .find(|&port| port < 65530 && (1..5).all(|i| std::net::TcpListener::bind(("127.0.0.1", port + i)).is_ok()))
        .expect("five free ports in a row");
    let mut command = Command::new("examples/chat/run.sh");
    command.arg(base.to_string()).env("WSLUA", env!("CARGO_BIN_EXE_wslua"));
    let mut chat = Process::start(command, "examples/chat/run.sh (bash, redis-server, nginx)");
    // The runners' greetings and run.sh's come in any order.
    let announced = format!("chat on ws://127.0.0.1:{base}/");
    while !chat.line().starts_with(&announced) {}
    for port in base..base + 5 {
        wait_for_port(port, "the chat");
    }
    let script = r#"
import asyncio, sys
from websockets.asyncio.client import connect
async def main(url):
    one, two = await connect(url), await connect(url)
    greetings = [await one.recv(), await two.recv()]
    print(greetings[0]); print(greetings[1])
    async def said(sender, receiver, text):
        for attempt in range(40):
            await sender.send(f"{text} {attempt}")
            try:
                while True:
                    heard = await asyncio.wait_for(receiver.recv(), 0.25)
                    if heard.startswith("[") and f"{text} " in heard:
                        return heard.rsplit(" ", 1)[0]
            except asyncio.TimeoutError:
                pass
        return "nothing"
    async def until(ws, prefix):
        while not (line := await asyncio.wait_for(ws.recv(), 10)).startswith(prefix):
            pass
        return line
    print(await said(one, two, "hello"))
    await one.send("/join games"); print(await until(one, "* "))
    await two.send("/join games"); print(await until(two, "* "))
    print(await said(two, one, "in games"))
asyncio.run(main(sys.argv[1]))
"#;
    let mut python = python();
    python.arg("-c").arg(script).arg(format!("ws://127.0.0.1:{base}/"));
    let out = python.current_dir(repo()).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    let lines: Vec<&str> = stdout.lines().collect();
    let served_by = |line: &str| line.rsplit("served by ").next().unwrap().to_string();
    assert!(lines[0].starts_with("* you are in lobby") && lines[1].starts_with("* you are in lobby"), "{stdout}");
    assert_ne!(served_by(lines[0]), served_by(lines[1]), "nginx sent them to different runners");
    assert_eq!(lines[2], "[lobby] hello", "{stdout}");
    assert!(lines[3].starts_with("* you are in games") && lines[4].starts_with("* you are in games"), "{stdout}");
    assert_eq!(lines[5], "[games] in games", "{stdout}");
    // run.sh stops what it started on SIGTERM.
    drop(chat);
    std::thread::sleep(Duration::from_millis(500));
    for port in base..base + 5 {
        assert!(
            std::net::TcpStream::connect(("127.0.0.1", port)).is_err(),
            "port {port} still served after run.sh ended"
        );
    }
}

/// tests/lua/runner/broker_load.lua as `name`, publishing `rate` messages a second.
fn broker_load(project: &Path, name: &str, rate: u32) -> Process {
    let mut command = runner();
    command.arg("--config").arg(project).args(["tests/lua/runner/broker_load.lua", "--", name, &rate.to_string()]);
    Process::start(command, "the wslua runner")
}

/// The next status line of a broker_load.lua runner.
fn load_status(runner: &mut Process) -> Value {
    let line = runner.line();
    serde_json::from_str(&line).unwrap_or_else(|e| panic!("{line}: {e}"))
}

/// Reads both runners' status lines until `done` holds for both (within 20 s); returns the last.
fn until_both(runners: &mut [Process; 2], what: &str, done: impl Fn(&Value) -> bool) -> [Value; 2] {
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut last = [Value::Null, Value::Null];
    loop {
        for (i, runner) in runners.iter_mut().enumerate() {
            last[i] = load_status(runner);
        }
        if last.iter().all(&done) {
            return last;
        }
        assert!(Instant::now() < deadline, "{what}: not within 20 s: {last:?}");
    }
}

/// Every message published here was delivered here, and was either handed to Redis or counted
/// as unrelayed (but for those still waiting in the backlog: a quarter second's worth).
fn assert_counts_add_up(status: &Value, rate: u64) {
    let n = |key: &str| status[key].as_u64().unwrap();
    assert!(n("local") + 1 >= n("published"), "local delivery lost messages: {status}");
    let accounted = n("relayed") + n("unrelayed");
    assert!(accounted <= n("published") && n("published") - accounted <= rate / 4 + 1, "{status}");
}

/// A Redis that hangs (SIGSTOP) under a steady publish load across two runners: local delivery
/// goes on, `broker_status` says "down" within 3 s and the counts add up, the runners' memory
/// stays flat; after SIGCONT it is "up" again and messages cross again. The same when Redis is
/// killed and started again on its port.
#[test]
fn a_hung_or_restarted_broker_is_down_then_up_and_nothing_piles_up() {
    const RATE: u32 = 100;
    let dir = scratch("broker-faults");
    let redis_port = free_port();
    let project = dir.join("game.project");
    std::fs::write(&project, format!("[websocket]\nbroker = redis://127.0.0.1:{redis_port}\n")).unwrap();
    let mut server = redis(redis_port, &dir);
    let mut runners = [broker_load(&project, "a", RATE), broker_load(&project, "b", RATE)];
    until_both(&mut runners, "both up and hearing each other", |s| {
        s["state"] == "up" && s["remote"].as_u64() > Some(10)
    });

    // Hung: SIGSTOP for 6 s.
    let stopped = Command::new("kill").args(["-STOP", &server.child.id().to_string()]).status().unwrap();
    assert!(stopped.success());
    let stopped_at = Instant::now();
    let rss_before: Vec<u64> = runners.iter().map(|r| rss_kib(r.child.id())).collect();
    let down = until_both(&mut runners, "down after SIGSTOP", |s| s["state"] == "down");
    let detected = stopped_at.elapsed();
    assert!(detected < Duration::from_secs(5), "down after {detected:?}");
    let remote_while_down: Vec<u64> = down.iter().map(|s| s["remote"].as_u64().unwrap()).collect();
    while stopped_at.elapsed() < Duration::from_secs(6) {
        for runner in runners.iter_mut() {
            let status = load_status(runner);
            assert_eq!(status["state"], "down", "{status}");
            assert_counts_add_up(&status, u64::from(RATE));
        }
    }
    let grown: Vec<i64> =
        runners.iter().zip(&rss_before).map(|(r, before)| rss_kib(r.child.id()) as i64 - *before as i64).collect();
    assert!(grown.iter().all(|kib| *kib < 8 * 1024), "RSS grew by {grown:?} KiB while Redis hung");
    let continued = Command::new("kill").args(["-CONT", &server.child.id().to_string()]).status().unwrap();
    assert!(continued.success());
    let up = until_both(&mut runners, "up after SIGCONT, hearing each other again", |s| s["state"] == "up");
    let remote_after: Vec<u64> = up.iter().map(|s| s["remote"].as_u64().unwrap()).collect();
    until_both(&mut runners, "messages crossing again", |s| {
        s["remote"].as_u64().unwrap() > remote_after.iter().max().copied().unwrap_or(0) + 10
    });
    println!(
        "hung Redis: down after {:.1} s; RSS growth {grown:?} KiB; remote before the stop {remote_while_down:?}",
        detected.as_secs_f64()
    );

    // Gone: killed, then started again on the same port.
    drop(server);
    until_both(&mut runners, "down after Redis was killed", |s| s["state"] == "down");
    server = redis(redis_port, &dir);
    let up = until_both(&mut runners, "up after Redis came back", |s| s["state"] == "up");
    let remote_after: Vec<u64> = up.iter().map(|s| s["remote"].as_u64().unwrap()).collect();
    let last = until_both(&mut runners, "messages crossing after the restart", |s| {
        s["remote"].as_u64().unwrap() > remote_after.iter().max().copied().unwrap_or(0) + 10
    });
    for status in &last {
        assert_counts_add_up(status, u64::from(RATE));
    }
    println!("after both faults: {last:?}");
    drop(runners);
    drop(server);
    std::fs::remove_dir_all(&dir).unwrap();
}
