//! `bench/results/latest.md`: what ran where, every figure with its spread, the ratios, and the
//! peers that could not run with the reason.

use crate::peers::{Client, Fanout, Paths, Server};
use crate::scenarios::{Results, Runs};
use crate::stats::{summarize, Summary};
use std::fmt::Write;
use std::process::Command;
use std::time::Duration;

/// Where and when the run happened.
pub struct Context {
    date: String,
    commit: String,
    machine: String,
    versions: Vec<(&'static str, String)>,
    elapsed: Duration,
}

impl Context {
    pub fn collect(paths: &Paths, elapsed: Duration) -> Context {
        let dirty = !output("git", &["status", "--porcelain"]).is_empty();
        let commit =
            output("git", &["rev-parse", "--short", "HEAD"]) + if dirty { " with uncommitted changes" } else { "" };
        let python = paths.root.join(".venv/bin/python").display().to_string();
        let ws = node_module_version(paths, "ws");
        Context {
            date: output("date", &["-u", "+%Y-%m-%d %H:%M UTC"]),
            commit,
            machine: machine(),
            versions: vec![
                ("rustc", output("rustc", &["--version"])),
                ("LuaJIT", output("luajit", &["-v"])),
                ("node", format!("{} with ws {ws}", output("node", &["--version"]))),
                ("python", output(&python, &["-c", "import sys, websockets; print(sys.version.split()[0], 'with websockets', websockets.__version__)"])),
                ("lua-http", output("dpkg-query", &["-W", "-f", "${Version} with cqueues ", "lua-http"]) + &output("dpkg-query", &["-W", "-f", "${Version}", "lua-cqueues"])),
            ],
            elapsed,
        }
    }
}

impl Context {
    /// When, where and with what a scenario's own table was written.
    pub fn stamp(&self, command: &str, versions: &[(&str, String)]) -> String {
        let mut out = format!(
            "Written by `scripts/bench` (`{command}`) on {}, commit {}, in {:.0} s. Machine: {}; the load \
             generator shares its cores.",
            self.date,
            self.commit,
            self.elapsed.as_secs_f64(),
            self.machine
        );
        for (name, version) in versions {
            let _ = write!(out, " {name}: {version}.");
        }
        out
    }
}

/// The version of a node module the test command installed.
/// The versions the Socket.IO scenarios name: Redis's, and Socket.IO's stack on node's.
pub fn socket_io_versions(paths: &Paths) -> [(&'static str, String); 2] {
    [
        ("Redis", output("redis-server", &["--version"])),
        (
            "Socket.IO",
            format!(
                "{} with @socket.io/redis-adapter {} and redis {}, on node {}",
                node_module_version(paths, "socket.io"),
                node_module_version(paths, "@socket.io/redis-adapter"),
                node_module_version(paths, "redis"),
                output("node", &["--version"])
            ),
        ),
    ]
}

pub fn node_module_version(paths: &Paths, module: &str) -> String {
    let manifest = paths.root.join("tests/peers/node_modules").join(module).join("package.json");
    let text = std::fs::read_to_string(manifest).unwrap_or_default();
    let version = text.lines().find_map(|l| l.trim().strip_prefix("\"version\": \"")).unwrap_or("?");
    version.trim_end_matches("\",").to_string()
}

/// The first line a command prints, or why there is none.
pub fn output(program: &str, args: &[&str]) -> String {
    match Command::new(program).args(args).output() {
        Ok(out) => String::from_utf8_lossy(if out.stdout.is_empty() { &out.stderr } else { &out.stdout })
            .lines()
            .next()
            .unwrap_or("")
            .trim()
            .to_string(),
        Err(e) => format!("not available ({e})"),
    }
}

fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map(|l| l.trim_start_matches([' ', '\t', ':']))
        .unwrap_or("unknown CPU");
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0);
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let kib: f64 = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|l| l.split_whitespace().next()?.parse().ok())
        .unwrap_or(0.0);
    format!("{model}, {cores} cores, {:.0} GiB, Linux {}", kib / 1048576.0, output("uname", &["-r"]))
}

pub(crate) fn summary<T>(runs: &Runs<T>, value: impl Fn(&T) -> f64) -> Option<Summary> {
    let values: Vec<f64> = runs.as_ref().ok()?.iter().map(value).collect();
    Some(summarize(&values))
}

/// "12,345"
fn grouped(value: f64) -> String {
    let digits = format!("{:.0}", value.round());
    let (sign, digits) = digits.split_at(usize::from(digits.starts_with('-')));
    let mut out = String::from(sign);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn with_spread(summary: Summary, shown: String) -> String {
    format!("{shown} ±{:.0}%", summary.spread * 100.0)
}

fn cell(summary: Option<Summary>, show: impl Fn(f64) -> String) -> String {
    summary.map_or_else(|| "not run".into(), |s| with_spread(s, show(s.median)))
}

fn ratio(a: Option<Summary>, b: Option<Summary>) -> String {
    match (a, b) {
        (Some(a), Some(b)) if b.median > 0.0 => format!("{:.2}", a.median / b.median),
        _ => "—".into(),
    }
}

fn table(out: &mut String, header: &[String], rows: &[Vec<String>]) {
    let line = |cells: &[String]| format!("| {} |\n", cells.join(" | "));
    out.push_str(&line(header));
    out.push_str(&line(&vec!["---".to_string(); header.len()]));
    for row in rows {
        out.push_str(&line(row));
    }
    out.push('\n');
}

pub fn size_name(bytes: usize) -> String {
    match bytes {
        0..1024 => format!("{bytes} B"),
        1024..1048576 => format!("{} KiB", bytes / 1024),
        _ => format!("{} MiB", bytes / 1048576),
    }
}

pub fn load_name(clients: usize, size: usize) -> String {
    format!("{clients} × {}", size_name(size))
}

fn echo_rate(results: &Results, load: usize, server: Server) -> Option<Summary> {
    summary(by_server(&results.echo[load], server), |t| t.per_second())
}

pub(crate) fn by_server<T>(rows: &[(Server, Runs<T>)], server: Server) -> &Runs<T> {
    &rows.iter().find(|(s, _)| *s == server).expect("every server has a row").1
}

/// One row per server: its name, then `cells`.
fn server_rows(cells: impl Fn(Server) -> Vec<String>) -> Vec<Vec<String>> {
    Server::ALL
        .iter()
        .map(|&server| std::iter::once(server.name().to_string()).chain(cells(server)).collect())
        .collect()
}

fn by_fanout<T>(rows: &[(Fanout, Runs<T>)], server: Fanout) -> &Runs<T> {
    &rows.iter().find(|(s, _)| *s == server).expect("every fan-out server has a row").1
}

fn by_client<T>(rows: &[(Client, Runs<T>)], client: Client) -> &Runs<T> {
    &rows.iter().find(|(c, _)| *c == client).expect("every client has a row").1
}

const WSLUA: [Server; 4] = [Server::WsluaRunner, Server::WsluaRunnerLua54, Server::WsluaWorkers, Server::WsluaModule];
const OTHERS: [Server; 4] = [Server::Ceiling, Server::NodeWs, Server::PythonWebsockets, Server::LuaHttp];

pub fn markdown(results: &Results, context: &Context) -> String {
    let plan = &results.plan;
    let mut out = String::new();
    let _ = writeln!(out, "# wslua benchmarks\n");
    let _ = writeln!(
        out,
        "Written by `scripts/bench` (`wslua-bench all`) on {}, commit {}, in {:.0} s.\n",
        context.date,
        context.commit,
        context.elapsed.as_secs_f64()
    );
    let _ = writeln!(out, "- Machine: {}. The load generator (Rust, async-tungstenite) runs on the same machine and shares its cores with the program under test.", context.machine);
    for (name, version) in &context.versions {
        let _ = writeln!(out, "- {name}: {version}");
    }
    let _ = writeln!(
        out,
        "- Every figure is the median of {} runs, ± half the range of those runs relative to the median. The servers of \
         sections 1 and 3 run side by side and take turns run by run, and so do the clients of section 2, so both sides \
         of a ratio are measured over the same minutes. Messages are text (every side validates UTF-8); every reply is checked against what was sent. All \
         traffic is on 127.0.0.1.\n",
        plan.runs
    );

    let _ = writeln!(out, "## Key ratios\n");
    let mut rows = Vec::new();
    for wslua in WSLUA {
        for other in OTHERS {
            let mut row = vec![format!("{} / {}", wslua.name(), other.name())];
            row.extend(
                (0..plan.echo.len())
                    .map(|load| ratio(echo_rate(results, load, wslua), echo_rate(results, load, other))),
            );
            rows.push(row);
        }
    }
    let mut header = vec!["server echo, messages/s".to_string()];
    header.extend(plan.echo.iter().map(|&(clients, size, _)| load_name(clients, size)));
    table(&mut out, &header, &rows);
    let receive = |client| summary(by_client(&results.receive, client), |&rate| rate);
    let rows: Vec<Vec<String>> =
        [Client::WsluaRunner, Client::WsluaRunnerLua54, Client::WsluaModule, Client::CallbackAlone]
            .iter()
            .map(|&wslua| {
                vec![
                    wslua.name().to_string(),
                    ratio(receive(wslua), receive(Client::Ceiling)),
                    ratio(receive(wslua), receive(Client::LuaHttp)),
                ]
            })
            .collect();
    table(&mut out, &["client receive rate".into(), "/ ceiling".into(), "/ lua-http".into()], &rows);
    let fanout_rate = |load: usize, server| summary(by_fanout(&results.fanout[load], server), |t| t.0.per_second());
    let mut header = vec!["fan-out, deliveries/s".to_string()];
    header.extend(plan.fanout.iter().map(|&(receivers, size, _)| load_name(receivers, size)));
    let rows: Vec<Vec<String>> = [Fanout::NodeWs, Fanout::PythonWebsockets, Fanout::WsluaSendLoop]
        .iter()
        .map(|&other| {
            let mut row = vec![format!("{} / {}", Fanout::WsluaBroadcast.name(), other.name())];
            row.extend(
                (0..plan.fanout.len())
                    .map(|load| ratio(fanout_rate(load, Fanout::WsluaBroadcast), fanout_rate(load, other))),
            );
            row
        })
        .collect();
    table(&mut out, &header, &rows);

    let _ = writeln!(out, "## 1. Server echo throughput\n");
    let _ = writeln!(
        out,
        "Clients send numbered text messages, made once, and compare each echo where it lies; each keeps up to 32 \
         messages in flight, and at most 1 MiB of them (at least 2). Messages in all per batch: {}; a run repeats \
         its batch until it has lasted {} ms. Messages/s, then MB/s one way.\n",
        plan.echo
            .iter()
            .map(|&(c, s, n)| format!("{} {}", load_name(c, s), grouped(n as f64)))
            .collect::<Vec<_>>()
            .join(", "),
        plan.min_run.as_millis()
    );
    let rows = server_rows(|server| {
        let loads = results.echo.iter().map(|servers| {
            let runs = by_server(servers, server);
            match (summary(runs, |t| t.per_second()), summary(runs, |t| t.megabytes_per_second())) {
                (Some(rate), Some(mb)) => {
                    format!("{} ({:.1} MB/s)", with_spread(rate, grouped(rate.median)), mb.median)
                }
                _ => "not run".into(),
            }
        });
        loads.collect()
    });
    let mut header = vec!["server".to_string()];
    header.extend(plan.echo.iter().map(|&(clients, size, _)| load_name(clients, size)));
    table(&mut out, &header, &rows);

    let _ = writeln!(out, "## 2. Client receive rate\n");
    let _ = writeln!(
        out,
        "A Rust server streams {} numbered 32-byte text messages as fast as the socket takes them; the client checks \
         each number in its own code (a Lua callback or loop) and answers \"done\" after the last. Clock: end of \
         the handshake to the answer. The last row is the runner client's callback alone, no socket: the same \
         script calls it in a loop with the same messages and the table the glue builds for each (its own clock, \
         CPU time): the most any delivery of those messages to that Lua could reach.\n",
        grouped(plan.receive_count as f64)
    );
    let rows: Vec<Vec<String>> = Client::ALL
        .iter()
        .map(|&client| {
            vec![
                client.name().to_string(),
                cell(receive(client), grouped),
                ratio(receive(client), receive(Client::LuaHttp)),
            ]
        })
        .collect();
    table(&mut out, &["client".into(), "messages/s".into(), "/ lua-http".into()], &rows);

    let _ = writeln!(out, "## 3. Round-trip latency\n");
    let _ = writeln!(
        out,
        "One client, one 32-byte message in flight, {} round trips after 100 of warm-up. The module server waits in \
         `websocket.update(1)`; the runner dispatches by itself. Microseconds.\n",
        grouped(plan.rtt_count as f64)
    );
    let rtt = |server, pick: fn(&(f64, f64)) -> f64| summary(by_server(&results.rtt, server), pick);
    let rows = server_rows(|server| {
        vec![
            cell(rtt(server, |t| t.0), |v| format!("{v:.0}")),
            cell(rtt(server, |t| t.1), |v| format!("{v:.0}")),
            ratio(rtt(server, |t| t.0), rtt(Server::Ceiling, |t| t.0)),
        ]
    });
    table(&mut out, &["server".into(), "p50 µs".into(), "p99 µs".into(), "p50 / ceiling".into()], &rows);

    let _ = writeln!(out, "## 4. Connection scale\n");
    let _ = writeln!(
        out,
        "A fresh server per run; {} connections opened (64 handshakes at a time) and held idle. Time until the last \
         handshake completed; growth of the server's resident memory (VmRSS) half a second later, per connection.\n",
        grouped(plan.scale_connections as f64)
    );
    let scale = |server, pick: fn(&(f64, f64)) -> f64| summary(by_server(&results.scale, server), pick);
    let rows = server_rows(|server| {
        vec![
            cell(scale(server, |t| t.0), |v| format!("{v:.2} s")),
            cell(scale(server, |t| t.1), |v| format!("{} B", grouped(v))),
        ]
    });
    table(&mut out, &["server".into(), "time to open all".into(), "memory per connection".into()], &rows);

    let _ = writeln!(out, "## 5. Idle CPU\n");
    let _ = writeln!(
        out,
        "The runner echo server holding {} idle connections, whose clients answer its keepalive pings (every 30 s \
         of silence by default); CPU time of all its threads (/proc/PID/task/*/schedstat) over {} consecutive \
         windows of {} s. The mean covers every window; the busiest is the one with the ping round.\n",
        grouped(plan.idle_connections as f64),
        plan.runs,
        plan.idle_seconds
    );
    let row = match &results.idle {
        Ok(windows) => {
            let mean = windows.iter().sum::<f64>() / windows.len().max(1) as f64;
            let busiest = windows.iter().copied().fold(0.0, f64::max);
            vec![Server::WsluaRunner.name().into(), format!("{mean:.3}%"), format!("{busiest:.3}%")]
        }
        Err(_) => vec![Server::WsluaRunner.name().into(), "not run".into(), "not run".into()],
    };
    table(&mut out, &["server".into(), "mean CPU, % of one core".into(), "busiest window".into()], &[row]);

    let _ = writeln!(out, "## 6. Fan-out\n");
    let _ = writeln!(
        out,
        "Receivers connect, then one sender sends numbered text messages, which the server gives to every \
         receiver; each receiver checks every message and its order. Loads (receivers × size, messages sent): {}. \
         Clock: first message sent to the last one received. Deliveries per second (messages × receivers), then the \
         server's CPU time per delivery (all its threads).\n",
        plan.fanout
            .iter()
            .map(|&(r, s, n)| format!("{} {}", load_name(r, s), grouped(n as f64)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let rows: Vec<Vec<String>> = Fanout::ALL
        .iter()
        .map(|&server| {
            std::iter::once(server.name().to_string())
                .chain(results.fanout.iter().map(|servers| {
                    let runs = by_fanout(servers, server);
                    match (summary(runs, |t| t.0.per_second()), summary(runs, |t| t.1)) {
                        (Some(rate), Some(cpu)) => {
                            format!("{} ({:.2} µs)", with_spread(rate, grouped(rate.median)), cpu.median)
                        }
                        _ => "not run".into(),
                    }
                }))
                .collect()
        })
        .collect();
    let mut header = vec!["server".to_string()];
    header.extend(plan.fanout.iter().map(|&(receivers, size, _)| load_name(receivers, size)));
    table(&mut out, &header, &rows);

    let failures = failures(results);
    if !failures.is_empty() {
        let _ = writeln!(out, "## Not run\n");
        for line in failures {
            let _ = writeln!(out, "- {line}");
        }
    }
    out
}

fn failures(results: &Results) -> Vec<String> {
    let mut lines = Vec::new();
    let mut add = |what: String, runs: Result<(), &String>| {
        if let Err(reason) = runs {
            lines.push(format!("{what}: {}", reason.replace('\n', " ")));
        }
    };
    for (load, servers) in results.plan.echo.iter().zip(&results.echo) {
        for (server, runs) in servers {
            add(format!("echo {}, {}", load_name(load.0, load.1), server.name()), runs.as_ref().map(|_| ()));
        }
    }
    for (client, runs) in &results.receive {
        add(format!("client receive, {}", client.name()), runs.as_ref().map(|_| ()));
    }
    for (server, runs) in &results.rtt {
        add(format!("round trips, {}", server.name()), runs.as_ref().map(|_| ()));
    }
    for (server, runs) in &results.scale {
        add(format!("connection scale, {}", server.name()), runs.as_ref().map(|_| ()));
    }
    add("idle CPU".into(), results.idle.as_ref().map(|_| ()));
    for (load, servers) in results.plan.fanout.iter().zip(&results.fanout) {
        for (server, runs) in servers {
            add(format!("fan-out {}, {}", load_name(load.0, load.1), server.name()), runs.as_ref().map(|_| ()));
        }
    }
    lines
}

/// A manual page with the results (headings one level down) between its markers
/// `<!-- NAME:start -->` and `<!-- NAME:end -->`.
pub fn splice(page: &str, name: &str, results: &str) -> Result<String, String> {
    let (start, end) = (format!("<!-- {name}:start -->"), format!("<!-- {name}:end -->"));
    let (head, rest) = page.split_once(&start).ok_or(format!("no {start} marker"))?;
    let (_, tail) = rest.split_once(&end).ok_or(format!("no {end} marker"))?;
    let body: Vec<String> = results
        .lines()
        .skip_while(|line| line.starts_with("# ") || line.is_empty())
        .map(|line| if line.starts_with('#') { format!("#{line}") } else { line.to_string() })
        .collect();
    Ok(format!("{head}{start}\n{}\n{end}{tail}", body.join("\n").trim_end()))
}
