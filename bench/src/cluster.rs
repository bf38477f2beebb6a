//! The cross-process fan-out scenario: channels over Redis. One Redis; 1 or 3 server processes
//! sharing it, 300 or 3,000 subscribers spread evenly over them, and one publisher client on
//! each process, all sending 32 B messages. wslua's channels against Socket.IO 4 with
//! `@socket.io/redis-adapter` (node's scale-out stack), driven by the same generator, which
//! speaks Engine.IO to Socket.IO. Two figures:
//! - deliveries per second, every publisher keeping `WINDOW` messages in flight, each until it
//!   has reached every subscriber;
//! - the time from a publish (on the first process) to its last delivery, one message at a time.
//!
//! Every subscriber checks that it gets every publisher's messages once each, in order.

use crate::load::{self, Ws};
use crate::peers::{self, Paths, Running, Started};
use crate::{stats, Result};
use async_std::channel::{self, Receiver, Sender};
use async_std::{future, task};
use async_tungstenite::tungstenite::Message;
use futures::{SinkExt, StreamExt, TryStreamExt};
use std::fmt::Write as _;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const SIZE: usize = 32;
/// Messages of each publisher not yet delivered everywhere.
const WINDOW: usize = 16;
/// Longest wait for a delivery before the run fails as stalled.
const WAIT: Duration = Duration::from_secs(30);
const CHANNEL_PREFIX: &str = r#"42["message",""#;

/// What a run measures, and how much of it.
#[derive(Clone, Copy)]
pub struct Plan {
    pub runs: usize,
    /// Deliveries in the throughput part of a run (subscribers × messages published).
    pub deliveries: usize,
    /// Messages timed one at a time.
    pub latencies: usize,
}

impl Plan {
    pub fn full(runs: usize) -> Plan {
        Plan { runs, deliveries: 2_000_000, latencies: 200 }
    }

    pub fn smoke() -> Plan {
        Plan { runs: 1, deliveries: 60_000, latencies: 20 }
    }
}

pub const PROCESSES: [usize; 2] = [1, 3];
pub const SUBSCRIBERS: [usize; 2] = [300, 3000];

/// wslua's channels, or Socket.IO with its Redis adapter (also the stacks of crate::scale).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Stack {
    Wslua,
    SocketIo,
}

impl Stack {
    pub const ALL: [Stack; 2] = [Stack::Wslua, Stack::SocketIo];

    fn name(self) -> &'static str {
        match self {
            Stack::Wslua => "wslua runner, channels",
            Stack::SocketIo => "Socket.IO 4, redis-adapter",
        }
    }

    fn command(self, paths: &Paths, redis: u16) -> Result<Command> {
        Ok(match self {
            Stack::Wslua => {
                let project = paths.logs.join("cluster.project");
                std::fs::write(&project, format!("[websocket]\nbroker = redis://127.0.0.1:{redis}\n"))?;
                let mut wslua = paths.wslua()?;
                wslua.arg("--config").arg(&project).arg(paths.root.join("bench/peers/cluster.lua"));
                wslua
            }
            Stack::SocketIo => {
                let mut node = peers::node(paths, "cluster_socketio.js")?;
                node.arg(redis.to_string());
                node
            }
        })
    }

    fn url(self, port: u16, publisher: bool) -> String {
        match (self, publisher) {
            (Stack::Wslua, true) => format!("ws://127.0.0.1:{port}/publish"),
            (Stack::Wslua, false) => format!("ws://127.0.0.1:{port}/"),
            (Stack::SocketIo, _) => {
                let role = if publisher { "publisher" } else { "subscriber" };
                format!("ws://127.0.0.1:{port}/socket.io/?EIO=4&transport=websocket&role={role}")
            }
        }
    }

    /// A websocket connection that is ready to publish or receive: for Socket.IO, past
    /// Engine.IO's open packet and the connect to the main namespace.
    async fn connect(self, url: String) -> Result<Ws> {
        let mut ws = load::connect(&url).await?;
        self.join(&mut ws).await?;
        Ok(ws)
    }

    /// For Socket.IO, takes a new websocket connection past Engine.IO's open packet and the
    /// connect to the main namespace.
    pub async fn join(self, ws: &mut Ws) -> Result<()> {
        if self == Stack::SocketIo {
            expect(ws, "0{").await?;
            ws.send(Message::text("40")).await?;
            expect(ws, "40{").await?;
        }
        Ok(())
    }

    /// The frame that publishes `payload`.
    pub fn publish(self, payload: &str) -> Message {
        Message::text(match self {
            Stack::Wslua => payload.to_string(),
            Stack::SocketIo => format!(r#"42["publish","{payload}"]"#),
        })
    }

    /// The payload a delivered frame carries.
    fn payload(self, frame: &str) -> Option<&str> {
        match self {
            Stack::Wslua => Some(frame),
            Stack::SocketIo => frame.strip_prefix(CHANNEL_PREFIX)?.strip_suffix(r#""]"#),
        }
    }
}

async fn expect(ws: &mut Ws, prefix: &str) -> Result<()> {
    let text = load::next_text(ws).await?;
    if text.starts_with(prefix) {
        Ok(())
    } else {
        Err(format!("Socket.IO sent {text:?} where a packet starting {prefix:?} was due").into())
    }
}

/// Message `seq` of publisher `publisher`: both numbers, then `x`s up to `SIZE` bytes.
fn payload(publisher: usize, seq: usize) -> String {
    let mut text = format!("{publisher:02}:{seq:010}:");
    text.extend(std::iter::repeat_n('x', SIZE - text.len()));
    text
}

fn parse(payload: &str) -> Option<(usize, usize)> {
    Some((payload.get(..2)?.parse().ok()?, payload.get(3..13)?.parse().ok()?))
}

/// What the subscribers share: per publisher and message, how many subscribers have yet to
/// receive it, and where to tell the publisher its message has reached them all.
struct Board {
    remaining: Vec<Vec<AtomicUsize>>,
    delivered: Vec<Sender<(usize, Instant)>>,
}

/// Reads `counts[p]` messages of each publisher `p`, each once and in order.
async fn subscriber(stack: Stack, mut ws: Ws, board: Arc<Board>, counts: Vec<usize>) -> Result<Ws> {
    let mut next = vec![0; counts.len()];
    for _ in 0..counts.iter().sum::<usize>() {
        let frame = load::next_text(&mut ws).await?;
        let (p, seq) = stack
            .payload(&frame)
            .and_then(parse)
            .filter(|(p, _)| *p < counts.len())
            .ok_or_else(|| format!("a subscriber got {frame:?}, which is no message of the bench"))?;
        if seq != next[p] {
            return Err(format!("publisher {p}'s message {seq} arrived where {} was due", next[p]).into());
        }
        next[p] += 1;
        if board.remaining[p][seq].fetch_sub(1, Ordering::AcqRel) == 1 {
            // Unbounded: never fails while the publisher listens.
            let _ = board.delivered[p].try_send((seq, Instant::now()));
        }
    }
    Ok(ws)
}

/// The next message of publisher `p` to have reached every subscriber.
async fn delivered(board: &Board, done: &Receiver<(usize, Instant)>, p: usize, seq: usize) -> Result<(usize, Instant)> {
    match future::timeout(WAIT, done.recv()).await {
        Ok(Ok(pair)) => Ok(pair),
        _ => {
            let missing = board.remaining[p][seq].load(Ordering::Acquire);
            Err(format!("publisher {p}'s message {seq} had not reached {missing} subscribers after {WAIT:?}").into())
        }
    }
}

/// Publishes messages `first..first + count` of publisher `p`, `WINDOW` at most in flight.
async fn publisher(
    stack: Stack,
    mut ws: Ws,
    board: Arc<Board>,
    done: Receiver<(usize, Instant)>,
    p: usize,
    first: usize,
    count: usize,
) -> Result<Ws> {
    let mut next = first;
    for completed in 0..count {
        while next < first + count && next - first - completed < WINDOW {
            ws.feed(stack.publish(&payload(p, next))).await?;
            next += 1;
        }
        ws.flush().await?;
        delivered(&board, &done, p, first + completed).await?;
    }
    Ok(ws)
}

/// One run on servers at `ports`: (deliveries per second, publish-to-last-delivery times).
async fn run_once(
    stack: Stack,
    ports: &[u16],
    subscribers: usize,
    per_publisher: usize,
    latencies: usize,
) -> Result<(f64, Vec<Duration>)> {
    let n = ports.len();
    let subs: Vec<Ws> = futures::stream::iter(0..subscribers)
        .map(|i| stack.connect(stack.url(ports[i % n], false)))
        .buffered(64)
        .try_collect()
        .await?;
    let mut pubs = Vec::with_capacity(n);
    for port in ports {
        pubs.push(stack.connect(stack.url(*port, true)).await?);
    }
    // Message 0 of each publisher warms up; publisher 0 then times its next `latencies`.
    let counts: Vec<usize> = (0..n).map(|p| 1 + per_publisher + if p == 0 { latencies } else { 0 }).collect();
    let (senders, receivers): (Vec<_>, Vec<_>) = (0..n).map(|_| channel::unbounded()).unzip();
    let remaining = counts.iter().map(|&c| (0..c).map(|_| AtomicUsize::new(subscribers)).collect()).collect();
    let board = Arc::new(Board { remaining, delivered: senders });
    let reading: Vec<_> =
        subs.into_iter().map(|ws| task::spawn(subscriber(stack, ws, board.clone(), counts.clone()))).collect();
    // A process subscribes at Redis a moment after its client's handshake.
    task::sleep(Duration::from_millis(500)).await;
    for (p, ws) in pubs.iter_mut().enumerate() {
        ws.send(stack.publish(&payload(p, 0))).await?;
    }
    for (p, done) in receivers.iter().enumerate() {
        delivered(&board, done, p, 0).await?;
    }
    let mut times = Vec::with_capacity(latencies);
    for seq in 1..=latencies {
        let start = Instant::now();
        pubs[0].send(stack.publish(&payload(0, seq))).await?;
        let (_, at) = delivered(&board, &receivers[0], 0, seq).await?;
        times.push(at - start);
    }
    let start = Instant::now();
    let publishing: Vec<_> = pubs
        .into_iter()
        .zip(receivers)
        .enumerate()
        .map(|(p, (ws, done))| {
            let first = if p == 0 { 1 + latencies } else { 1 };
            task::spawn(publisher(stack, ws, board.clone(), done, p, first, per_publisher))
        })
        .collect();
    let mut finished = Vec::new();
    for task in publishing {
        finished.push(task.await?);
    }
    let elapsed = start.elapsed();
    for task in reading {
        finished.push(task.await?);
    }
    for ws in finished {
        load::close(ws).await?;
    }
    Ok(((subscribers * n * per_publisher) as f64 / elapsed.as_secs_f64(), times))
}

/// The figures of one stack, processes and subscribers: deliveries per second (median of the
/// runs) and the latency percentiles over every run's messages.
pub struct Cell {
    pub deliveries: stats::Summary,
    pub p50: Duration,
    pub p99: Duration,
}

pub struct Row {
    pub stack: &'static str,
    pub processes: usize,
    pub subscribers: usize,
    pub cell: Result<Cell>,
}

pub fn redis(paths: &Paths) -> Result<(Running, u16)> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let mut command = Command::new("redis-server");
    command.args(["--bind", "127.0.0.1", "--port", &port.to_string(), "--save", "", "--appendonly", "no"]);
    command.arg("--dir").arg(&paths.logs).stdout(std::process::Stdio::null());
    let running = Running::spawn(command, paths, "redis-server")?;
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        if Instant::now() > deadline {
            return Err(format!("redis-server did not listen on {port}: {}", running.log_tail()).into());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Ok((running, port))
}

fn measure(stack: Stack, ports: &[u16], subscribers: usize, plan: Plan) -> Result<Cell> {
    let per_publisher = (plan.deliveries / (subscribers * ports.len())).max(20);
    let mut rates = Vec::new();
    let mut times = Vec::new();
    for _ in 0..plan.runs {
        let (rate, run_times) = task::block_on(run_once(stack, ports, subscribers, per_publisher, plan.latencies))?;
        rates.push(rate);
        times.extend(run_times.iter().map(Duration::as_secs_f64));
    }
    times.sort_by(f64::total_cmp);
    let seconds = |p| Duration::from_secs_f64(stats::percentile(&times, p));
    Ok(Cell { deliveries: stats::summarize(&rates), p50: seconds(0.5), p99: seconds(0.99) })
}

pub fn run(paths: &Paths, plan: Plan) -> Result<Vec<Row>> {
    let (_redis, redis_port) = redis(paths)?;
    let mut rows = Vec::new();
    for stack in Stack::ALL {
        for processes in PROCESSES {
            let servers: Result<Vec<Started>> = (0..processes)
                .map(|i| {
                    let name = format!("{} {}", stack.name(), i + 1);
                    stack.command(paths, redis_port).and_then(|command| peers::start_command(command, &name, paths))
                })
                .collect();
            for subscribers in SUBSCRIBERS {
                let cell = match &servers {
                    Ok(servers) => {
                        let ports: Vec<u16> = servers.iter().map(|s| s.port).collect();
                        measure(stack, &ports, subscribers, plan)
                    }
                    Err(e) => Err(e.to_string().into()),
                };
                eprintln!("bench: cluster, {}, {processes} × {subscribers}: done", stack.name());
                rows.push(Row { stack: stack.name(), processes, subscribers, cell });
            }
        }
    }
    Ok(rows)
}

fn millis(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

/// The results table, and wslua's ratios to Socket.IO.
pub fn markdown(rows: &[Row], plan: Plan, stamp: &str) -> String {
    let mut out = format!(
        "## Fan-out across processes (channels over Redis)\n\n{stamp}\n\nOne Redis; the subscribers spread \
         evenly over the processes, one publisher client on each process, {SIZE} B messages. Deliveries/s: \
         every publisher keeps {WINDOW} messages in flight until each has reached every subscriber, about \
         {} deliveries per run, median of {} runs (± half the range). Latency: from a publish on the first \
         process to its last delivery, one message at a time, {} messages per run, percentiles over all runs. \
         Every subscriber checks it gets each message once, in each publisher's order.\n\n\
         | server | processes | subscribers | deliveries/s | latency p50 | latency p99 |\n|---|---|---|---|---|---|\n",
        plan.deliveries, plan.runs, plan.latencies
    );
    for row in rows {
        let cells = match &row.cell {
            Ok(c) => format!(
                "{:.0} ± {:.0}% | {} | {}",
                c.deliveries.median,
                c.deliveries.spread * 100.0,
                millis(c.p50),
                millis(c.p99)
            ),
            Err(e) => format!("failed: {e} | | "),
        };
        let _ = writeln!(out, "| {} | {} | {} | {cells} |", row.stack, row.processes, row.subscribers);
    }
    out.push_str("\nwslua / Socket.IO (deliveries/s: above 1 is faster; latency: below 1 is sooner):\n\n");
    for processes in PROCESSES {
        for subscribers in SUBSCRIBERS {
            let find = |stack: Stack| {
                rows.iter()
                    .find(|r| r.stack == stack.name() && r.processes == processes && r.subscribers == subscribers)
                    .and_then(|r| r.cell.as_ref().ok())
            };
            let line = match (find(Stack::Wslua), find(Stack::SocketIo)) {
                (Some(a), Some(b)) => format!(
                    "deliveries/s {:.2}, p50 {:.2}, p99 {:.2}",
                    a.deliveries.median / b.deliveries.median,
                    a.p50.as_secs_f64() / b.p50.as_secs_f64(),
                    a.p99.as_secs_f64() / b.p99.as_secs_f64()
                ),
                _ => "n/a (a run failed)".into(),
            };
            let processes = if processes == 1 { "1 process".to_string() } else { format!("{processes} processes") };
            let _ = writeln!(out, "- {processes}, {subscribers} subscribers: {line}");
        }
    }
    out
}
