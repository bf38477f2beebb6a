//! The five scenarios, each run on every peer, and what they measured. A peer that fails keeps
//! its place in the results with the reason.

use crate::load::{self, Throughput};
use crate::peers::{self, Client, Fanout, Paths, Running, Server};
use crate::stats::percentile;
use crate::{procfs, Result};
use async_std::future::timeout;
use async_std::net::TcpListener;
use async_std::task;
use futures::future::Either;
use std::future::Future;
use std::time::Duration;

/// How much each scenario does.
#[derive(Debug, Clone)]
pub struct Plan {
    pub runs: usize,
    /// (clients, message size, messages in all)
    pub echo: Vec<(usize, usize, usize)>,
    /// An echo run repeats its count until it has lasted this long.
    pub min_run: Duration,
    pub receive_count: usize,
    pub rtt_count: usize,
    pub scale_connections: usize,
    pub idle_connections: usize,
    pub idle_seconds: u64,
    /// (receivers, message size, messages sent)
    pub fanout: Vec<(usize, usize, usize)>,
}

impl Plan {
    pub fn full(runs: usize) -> Plan {
        Plan {
            runs,
            echo: vec![
                (1, 32, 20_000),
                (1, 1024, 10_000),
                (1, 65536, 1_000),
                (1, 1 << 20, 100),
                (100, 32, 40_000),
                (100, 1024, 10_000),
                (100, 65536, 2_000),
            ],
            min_run: Duration::from_millis(300),
            receive_count: 200_000,
            rtt_count: 10_000,
            scale_connections: 10_000,
            idle_connections: 1_000,
            idle_seconds: 10,
            fanout: vec![(100, 32, 2_000), (100, 1024, 2_000), (1000, 32, 200), (1000, 1024, 200)],
        }
    }

    /// A few seconds' worth of everything, to check that the bench itself works.
    pub fn smoke() -> Plan {
        let full = Plan::full(1);
        Plan {
            echo: full.echo.iter().map(|&(clients, size, count)| (clients, size, count / 20)).collect(),
            min_run: Duration::ZERO,
            receive_count: 5_000,
            rtt_count: 500,
            scale_connections: 500,
            idle_connections: 100,
            idle_seconds: 1,
            fanout: full.fanout.iter().map(|&(receivers, size, count)| (receivers / 10, size, count / 10)).collect(),
            ..full
        }
    }
}

/// Each run's figures, or why there are none.
pub type Runs<T> = std::result::Result<Vec<T>, String>;

/// A fan-out load's runs: deliveries, and the server's CPU time per delivery in microseconds.
pub type FanoutRuns = Runs<(Throughput, f64)>;

pub struct Results {
    pub plan: Plan,
    /// Per echo load (as in the plan), per server.
    pub echo: Vec<Vec<(Server, Runs<Throughput>)>>,
    /// Messages per second delivered to the client's code.
    pub receive: Vec<(Client, Runs<f64>)>,
    /// (p50, p99) in microseconds.
    pub rtt: Vec<(Server, Runs<(f64, f64)>)>,
    /// (seconds to open them all, bytes of resident memory per connection)
    pub scale: Vec<(Server, Runs<(f64, f64)>)>,
    /// Per cent of one core used by the runner while its connections are idle, per window.
    pub idle: Runs<f64>,
    /// Per fan-out load (as in the plan), per server.
    pub fanout: Vec<Vec<(Fanout, FanoutRuns)>>,
}

/// A run that takes longer than this has hung.
const LIMIT: Duration = Duration::from_secs(120);

async fn bounded<T>(what: &str, work: impl Future<Output = Result<T>>) -> Result<T> {
    timeout(LIMIT, work).await.map_err(|_| format!("{what}: no result within {} s", LIMIT.as_secs()))?
}

fn note(result: &Runs<impl Sized>, what: &str, peer: &str) {
    match result {
        Ok(_) => eprintln!("bench: {what}, {peer}: done"),
        Err(reason) => eprintln!("bench: {what}, {peer}: FAILED: {reason}"),
    }
}

pub fn run_all(plan: Plan, paths: &Paths, only: Option<&str>) -> Results {
    // A peer left out by --only (names, or parts of them, separated by commas) keeps its rows,
    // with the reason, like a peer that failed.
    let unless_left_out = |name: &str| {
        only.is_none_or(|only| only.split(',').any(|part| name.contains(part.trim())))
            .then_some(())
            .ok_or("left out by --only".to_string())
    };
    // The servers of the echo loads and the round trips run side by side and take turns, run by
    // run: a ratio's two sides are then measured over the same minutes of a machine whose speed
    // drifts (other tenants of a virtual machine), not a minute apart.
    let mut servers: Vec<(Server, Started)> = Server::ALL
        .iter()
        .map(|&s| (s, unless_left_out(s.name()).and_then(|()| peers::start(s, paths).map_err(|e| e.to_string()))))
        .collect();
    let echo = plan.echo.iter().map(|&load| echo_load(&mut servers, load, &plan, paths, &unless_left_out)).collect();
    let rtt = round_trips(&servers, &plan);
    drop(servers);
    let receive = receive(&plan, paths, &unless_left_out);
    // Memory per connection is one process's: the workers' supervisor holds none of theirs.
    let scale = Server::ALL
        .iter()
        .map(|&s| {
            let measured = match s {
                Server::WsluaWorkers => Err("one process's memory: not measured for several".to_string()),
                _ => unless_left_out(s.name()),
            };
            (s, measured.and_then(|()| scale(s, &plan, paths)))
        })
        .collect();
    let idle = unless_left_out(Server::WsluaRunner.name()).and_then(|()| idle(&plan, paths));
    let mut fanout: Vec<Vec<(Fanout, FanoutRuns)>> = plan.fanout.iter().map(|_| Vec::new()).collect();
    for server in Fanout::ALL {
        let loads = match unless_left_out(server.name()) {
            Ok(()) => fan_out(server, &plan, paths),
            Err(reason) => plan.fanout.iter().map(|_| Err(reason.clone())).collect(),
        };
        for (slot, runs) in fanout.iter_mut().zip(loads) {
            slot.push((server, runs));
        }
    }
    Results { plan, echo, receive, rtt, scale, idle, fanout }
}

/// Scenario 6: every fan-out load on one server process; the server's CPU time per delivery.
fn fan_out(server: Fanout, plan: &Plan, paths: &Paths) -> Vec<FanoutRuns> {
    let mut loads = Vec::new();
    for &(receivers, size, count) in &plan.fanout {
        let runs = server
            .command(paths)
            .and_then(|command| peers::start_command(command, server.name(), paths))
            .map_err(|e| e.to_string())
            .and_then(|started| {
                let (url, pid) = (started.url(), started.process.pid());
                (0..plan.runs)
                    .map(|_| {
                        let before = procfs::cpu_time(pid)?;
                        let moved = task::block_on(bounded("fan-out", load::fanout(&url, receivers, size, count)))?;
                        let cpu = (procfs::cpu_time(pid)? - before).as_secs_f64() * 1e6 / moved.messages as f64;
                        Ok((moved, cpu))
                    })
                    .collect::<Result<Vec<_>>>()
                    .map_err(|e| explain(e, &started.process))
            });
        note(&runs, &format!("fan-out {receivers} × {size} B"), server.name());
        loads.push(runs);
    }
    loads
}

/// `Err` with the reason for a peer `--only` leaves out, by its name.
type LeftOut<'a> = &'a dyn Fn(&str) -> std::result::Result<(), String>;

/// A server of the echo loads and round trips, or why it is not running.
type Started = std::result::Result<peers::Started, String>;

/// Scenario 1, one load: each server warmed up, then their runs in turns. A server that failed
/// is started again for the next load, which then gets it in a known state; one left out by
/// `--only` stays out.
fn echo_load(
    servers: &mut [(Server, Started)],
    (clients, size, count): (usize, usize, usize),
    plan: &Plan,
    paths: &Paths,
    unless_left_out: LeftOut,
) -> Vec<(Server, Runs<Throughput>)> {
    // A fifth of a run first warms the server up (JIT, allocator, caches); not counted.
    let loads: Vec<Runs<Throughput>> = (servers.iter())
        .map(|(_, started)| {
            let s = started.as_ref().map_err(Clone::clone)?;
            task::block_on(bounded("echo", load::echo(&s.url(), clients, size, (count / 5).max(clients))))
                .map(|_| Vec::new())
                .map_err(|e| explain(e, &s.process))
        })
        .collect();
    let loads = in_turns(
        servers,
        loads,
        plan.runs,
        on_server(|s| task::block_on(bounded("echo", echo_run(&s.url(), clients, size, count, plan.min_run)))),
    );
    for ((server, started), runs) in servers.iter_mut().zip(&loads) {
        note(runs, &format!("echo {clients} × {size} B"), server.name());
        if runs.is_err() && unless_left_out(server.name()).is_ok() {
            *started = peers::start(*server, paths).map_err(|e| e.to_string());
        }
    }
    servers.iter().map(|(server, _)| *server).zip(loads).collect()
}

/// Scenario 3: the round trips of each server, in turns.
fn round_trips(servers: &[(Server, Started)], plan: &Plan) -> Vec<(Server, Runs<(f64, f64)>)> {
    let ready = servers.iter().map(|(_, started)| started.as_ref().map(|_| Vec::new()).map_err(Clone::clone)).collect();
    let times = in_turns(
        servers,
        ready,
        plan.runs,
        on_server(|s| {
            let times = task::block_on(bounded("round trips", load::round_trips(&s.url(), 32, plan.rtt_count)))?;
            let mut micros: Vec<f64> = times.iter().map(|t| t.as_secs_f64() * 1e6).collect();
            micros.sort_by(f64::total_cmp);
            Ok((percentile(&micros, 0.5), percentile(&micros, 0.99)))
        }),
    );
    for ((server, _), runs) in servers.iter().zip(&times) {
        note(runs, "round trips", server.name());
    }
    servers.iter().map(|(server, _)| *server).zip(times).collect()
}

/// `count` runs of `run` on every peer whose `runs` are still going, in turns: the first of
/// each, then the second... A peer's runs end at its first failure, kept with its reason.
fn in_turns<P, T>(
    peers: &[P],
    mut runs: Vec<Runs<T>>,
    count: usize,
    run: impl Fn(&P) -> std::result::Result<T, String>,
) -> Vec<Runs<T>> {
    for _ in 0..count {
        for (peer, runs) in peers.iter().zip(&mut runs) {
            let Ok(done) = runs else { continue };
            match run(peer) {
                Ok(result) => done.push(result),
                Err(reason) => *runs = Err(reason),
            }
        }
    }
    runs
}

/// [`in_turns`]' `run` for the servers: `run` on a started one, its failure kept with the
/// server's stderr.
fn on_server<T>(
    run: impl Fn(&peers::Started) -> Result<T>,
) -> impl Fn(&(Server, Started)) -> std::result::Result<T, String> {
    move |(_, started)| {
        let s = started.as_ref().map_err(Clone::clone)?;
        run(s).map_err(|e| explain(e, &s.process))
    }
}

/// One run of an echo load: the fixed count, again until the run has lasted `min_run`, so that a
/// fast server's run is long enough to measure and a slow one's is still a single batch.
async fn echo_run(url: &str, clients: usize, size: usize, count: usize, min_run: Duration) -> Result<Throughput> {
    let mut total = load::echo(url, clients, size, count).await?;
    while total.elapsed < min_run {
        let batch = load::echo(url, clients, size, count).await?;
        total = Throughput {
            messages: total.messages + batch.messages,
            bytes: total.bytes + batch.bytes,
            elapsed: total.elapsed + batch.elapsed,
        };
    }
    Ok(total)
}

/// Scenario 2: a fast server streams to each client under test, which answers when it has all.
/// The clients take turns, run by run, as the servers of the echo loads do; a client's runs end
/// at its first failure.
fn receive(plan: &Plan, paths: &Paths, unless_left_out: LeftOut) -> Vec<(Client, Runs<f64>)> {
    let ready = Client::ALL.iter().map(|c| unless_left_out(c.name()).map(|()| Vec::new())).collect();
    let rates = in_turns(&Client::ALL, ready, plan.runs, |&client| {
        let elapsed = task::block_on(receive_once(client, plan.receive_count, paths)).map_err(|e| e.to_string())?;
        Ok(plan.receive_count as f64 / elapsed.as_secs_f64())
    });
    for (client, rates) in Client::ALL.iter().zip(&rates) {
        note(rates, "client receive", client.name());
    }
    Client::ALL.iter().copied().zip(rates).collect()
}

async fn receive_once(client: Client, count: usize, paths: &Paths) -> Result<Duration> {
    if client == Client::CallbackAlone {
        return callback_alone(client.command(paths, "", count)?.ok_or("no command")?, paths);
    }
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("ws://127.0.0.1:{}/", listener.local_addr()?.port());
    let streaming = task::spawn(crate::serve::stream_to_one(listener, count, 32));
    let Some(command) = client.command(paths, &url, count)? else {
        bounded("ceiling client", load::receive(&url, count)).await?;
        return bounded("streaming", streaming).await;
    };
    let mut process = Running::spawn(command, paths, client.name())?;
    let child = &mut process.child;
    let exited = Box::pin(async move {
        loop {
            if let Some(status) = child.try_wait()? {
                return Result::Ok(status);
            }
            task::sleep(Duration::from_millis(20)).await;
        }
    });
    // The server's clock stops at the client's answer; a client that exits first has failed,
    // unless it exited cleanly just after answering.
    let outcome = bounded("client", async {
        match futures::future::select(Box::pin(streaming), exited).await {
            Either::Left((elapsed, _)) => Ok(Ok(elapsed?)),
            Either::Right((status, streaming)) => match status? {
                status if status.success() => Ok(Ok(streaming.await?)),
                status => Ok(Err(status)),
            },
        }
    })
    .await?;
    outcome.map_err(|status| format!("{} exited with {status}: {}", client.name(), process.log_tail()).into())
}

/// The runner client's callback with no socket: the script times its own loop and prints the
/// seconds.
fn callback_alone(mut command: std::process::Command, paths: &Paths) -> Result<Duration> {
    let output = command.current_dir(&paths.root).output()?;
    match String::from_utf8_lossy(&output.stdout).trim().parse() {
        Ok(seconds) if output.status.success() => Ok(Duration::from_secs_f64(seconds)),
        _ => Err(format!("{}: {}", output.status, String::from_utf8_lossy(&output.stderr)).into()),
    }
}

/// Scenario 4: a fresh server per run, opened to the plan's connection count.
fn scale(server: Server, plan: &Plan, paths: &Paths) -> Runs<(f64, f64)> {
    let runs = (0..plan.runs)
        .map(|_| scale_once(server, plan.scale_connections, paths))
        .collect::<Result<Vec<_>>>()
        .map_err(|e| e.to_string());
    note(&runs, "connection scale", server.name());
    runs
}

fn scale_once(server: Server, count: usize, paths: &Paths) -> Result<(f64, f64)> {
    let started = peers::start(server, paths)?;
    let pid = started.process.pid();
    let before = procfs::rss(pid)?;
    let (conns, elapsed) = task::block_on(bounded("opening connections", load::open_idle(&started.url(), count, 64)))
        .map_err(|e| explain(e, &started.process))?;
    // Let the server finish what each connection starts (e.g. the Lua side's CONNECTED events).
    std::thread::sleep(Duration::from_millis(500));
    let after = procfs::rss(pid)?;
    drop(conns);
    Ok((elapsed.as_secs_f64(), after.saturating_sub(before) as f64 / count as f64))
}

/// Scenario 5: the runner's CPU use over consecutive windows while its connections are idle.
fn idle(plan: &Plan, paths: &Paths) -> Runs<f64> {
    let measure = || -> Result<Vec<f64>> {
        let started = peers::start(Server::WsluaRunner, paths)?;
        let pid = started.process.pid();
        let (conns, _) =
            task::block_on(bounded("opening connections", load::open_idle(&started.url(), plan.idle_connections, 64)))?;
        // Idle clients as a real one would be: they answer the server's keepalive pings.
        let answering = task::spawn(load::answer_pings(conns));
        std::thread::sleep(Duration::from_secs(1));
        let window = Duration::from_secs(plan.idle_seconds);
        let windows = (0..plan.runs)
            .map(|_| {
                let before = procfs::cpu_time(pid)?;
                std::thread::sleep(window);
                Ok((procfs::cpu_time(pid)? - before).as_secs_f64() / window.as_secs_f64() * 100.0)
            })
            .collect();
        task::block_on(answering.cancel());
        windows
    };
    let runs = measure().map_err(|e| e.to_string());
    note(&runs, "idle CPU", Server::WsluaRunner.name());
    runs
}

/// An error with what the server said about it.
fn explain(error: crate::Error, process: &Running) -> String {
    let tail = process.log_tail();
    if tail.is_empty() {
        error.to_string()
    } else {
        format!("{error}; the server's stderr: {tail}")
    }
}
