//! The connection-scale scenario: as many concurrent connections to one port as the plan says
//! (100,000 in the full run), held with keepalive answered, then one message published through
//! Redis reaching all of them. wslua's runner with `--workers` (every worker listening on the
//! port with `reuse_port`, channels over the broker) against Socket.IO 4 with its Redis adapter
//! in node's `cluster` (the primary hands the connections to the workers; websocket transport
//! only, so no sticky sessions are needed, as Socket.IO's documentation says).
//!
//! A process may hold at most 20,000 descriptors here (`ulimit -Hn`), so both stacks run
//! enough workers for their share, and the clients come from generator processes of this
//! binary (`wslua-bench scale-generator`), one per source address 127.0.0.2, .3, …, each with
//! its own 28,000 ephemeral ports. Figures: time until every connection is open, resident
//! memory of the server's processes per connection, their CPU while the connections idle
//! (keepalive pings included), and the time from the publish to the last delivery.

use crate::cluster::Stack;
use crate::load::Ws;
use crate::peers::{self, Paths, Running};
use crate::{procfs, Result};
use async_std::net::TcpStream;
use async_std::task;
use async_tungstenite::tungstenite::protocol::WebSocketConfig;
use async_tungstenite::tungstenite::Message;
use futures::StreamExt;
use socket2::{Domain, Socket, Type};
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Write};
use std::net::{IpAddr, SocketAddr};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Handshakes in flight in each generator.
const IN_FLIGHT: usize = 64;
/// The text every delivery carries.
const PUBLICATION: &str = "scale publication";
/// How long the connections idle while their servers' CPU is counted: past both stacks'
/// keepalive periods (30 s and 25 s), so it includes a round of pings.
const IDLE: Duration = Duration::from_secs(35);
/// The longest wait for the publication to reach everyone.
const DELIVERY: Duration = Duration::from_secs(120);

#[derive(Clone, Copy)]
pub struct Plan {
    pub connections: usize,
    pub generators: usize,
    pub workers: usize,
}

fn name(stack: Stack, workers: usize) -> String {
    match stack {
        Stack::Wslua => format!("wslua runner, --workers {workers}, channels over Redis"),
        Stack::SocketIo => format!("Socket.IO 4, node cluster of {workers}, redis-adapter"),
    }
}

fn command(stack: Stack, paths: &Paths, redis: u16, port: u16, workers: usize) -> Result<Command> {
    Ok(match stack {
        Stack::Wslua => {
            let project = paths.logs.join("scale.project");
            std::fs::write(&project, format!("[websocket]\nbroker = redis://127.0.0.1:{redis}\n"))?;
            let mut wslua = paths.wslua()?;
            wslua.arg("--config").arg(&project).args(["--workers", &workers.to_string()]);
            wslua.arg(paths.root.join("bench/peers/scale.lua")).args(["--", &port.to_string()]);
            wslua
        }
        Stack::SocketIo => {
            let mut node = peers::node(paths, "scale_socketio.js")?;
            node.args([redis.to_string(), port.to_string(), workers.to_string()]);
            node
        }
    })
}

fn url(stack: Stack, port: u16) -> String {
    match stack {
        Stack::Wslua => format!("ws://127.0.0.1:{port}/"),
        Stack::SocketIo => format!("ws://127.0.0.1:{port}/socket.io/?EIO=4&transport=websocket"),
    }
}

/// The stack's name on a generator's command line.
fn short(stack: Stack) -> &'static str {
    match stack {
        Stack::Wslua => "wslua",
        Stack::SocketIo => "socketio",
    }
}

fn from_short(name: &str) -> Result<Stack> {
    Stack::ALL.into_iter().find(|s| short(*s) == name).ok_or_else(|| format!("no stack {name}").into())
}

/// A client connection from `source`, past Socket.IO's connect when it is that stack.
async fn connect(stack: Stack, url: &str, to: SocketAddr, source: IpAddr) -> Result<Ws> {
    let socket = Socket::new(Domain::IPV4, Type::STREAM, None)?;
    socket.bind(&SocketAddr::new(source, 0).into())?;
    // Loopback connects complete in the call while the server's backlog has room, which the
    // handshakes in flight keep it.
    socket.connect(&to.into())?;
    socket.set_nonblocking(true)?;
    socket.set_tcp_nodelay(true)?;
    let tcp = TcpStream::from(std::net::TcpStream::from(socket));
    // Small buffers: a generator holds thousands of idle connections.
    let config = WebSocketConfig::default().read_buffer_size(4096).write_buffer_size(0);
    let (mut ws, _) = async_tungstenite::client_async_with_config(url, tcp, Some(config)).await?;
    stack.join(&mut ws).await?;
    Ok(ws)
}

fn now_nanos() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64)
}

/// Reads a connection until it closes, answering pings (tungstenite does; Engine.IO's "2" here)
/// and noting when the publication arrives.
async fn hold(stack: Stack, mut ws: Ws, delivered: Arc<AtomicUsize>, last: Arc<AtomicU64>) {
    while let Some(Ok(message)) = ws.next().await {
        let Message::Text(text) = message else { continue };
        if stack == Stack::SocketIo && text.as_str() == "2" {
            if ws.send(Message::text("3")).await.is_err() {
                return;
            }
        } else if text.contains(PUBLICATION) {
            last.fetch_max(now_nanos(), Ordering::SeqCst);
            delivered.fetch_add(1, Ordering::SeqCst);
        }
    }
}

/// A generator process: `count` connections from `source`; prints `opened SECONDS` once all are
/// open, then for each line on stdin `delivered COUNT LAST_NANOS`: how many have had the
/// publication, the last when. Ends when stdin does.
pub fn generator(stack: &str, port: u16, count: usize, source: IpAddr) -> Result<()> {
    let stack = from_short(stack)?;
    let url = url(stack, port);
    let to = SocketAddr::from(([127, 0, 0, 1], port));
    let delivered = Arc::new(AtomicUsize::new(0));
    let last = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    task::block_on(async {
        let mut opened =
            futures::stream::iter(0..count).map(|_| connect(stack, &url, to, source)).buffer_unordered(IN_FLIGHT);
        // Each is read from the moment it is open: a server may ping before the last opens.
        while let Some(ws) = opened.next().await {
            task::spawn(hold(stack, ws?, delivered.clone(), last.clone()));
        }
        Ok::<(), crate::Error>(())
    })?;
    println!("opened {:.3}", started.elapsed().as_secs_f64());
    for line in std::io::stdin().lock().lines() {
        line?;
        println!("delivered {} {}", delivered.load(Ordering::SeqCst), last.load(Ordering::SeqCst));
    }
    Ok(())
}

/// One generator process, as the coordinator sees it.
struct Generator {
    _process: Running,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl Generator {
    fn start(paths: &Paths, stack: Stack, port: u16, count: usize, index: usize) -> Result<Generator> {
        let mut command = Command::new(std::env::current_exe()?);
        let source = format!("127.0.0.{}", index + 2);
        command.args(["scale-generator", short(stack), &port.to_string(), &count.to_string(), &source]);
        command.stdin(Stdio::piped()).stdout(Stdio::piped());
        let mut process = Running::spawn_with_stdin(command, paths, &format!("scale generator {index}"))?;
        let child: &mut Child = &mut process.child;
        let stdout = BufReader::new(child.stdout.take().ok_or("no stdout")?);
        let stdin = child.stdin.take().ok_or("no stdin")?;
        Ok(Generator { _process: process, stdin, stdout })
    }

    /// How many of its connections have had the publication, and the last when.
    fn delivered(&mut self) -> Result<(usize, u64)> {
        writeln!(self.stdin, "report")?;
        let words = self.line("delivered")?;
        let parse = |i: usize| words.get(i).ok_or("a short report").map(String::as_str);
        Ok((parse(0)?.parse()?, parse(1)?.parse()?))
    }

    /// The next line it prints, split in words after `word`.
    fn line(&mut self, word: &str) -> Result<Vec<String>> {
        let mut line = String::new();
        self.stdout.read_line(&mut line)?;
        let mut words = line.split_whitespace().map(str::to_string);
        match words.next() {
            Some(first) if first == word => Ok(words.collect()),
            _ => Err(format!("a generator printed {line:?} where '{word} …' was due").into()),
        }
    }
}

/// What one stack did.
pub struct Row {
    pub stack: String,
    pub result: Result<Cell>,
}

pub struct Cell {
    pub open_seconds: f64,
    pub bytes_per_connection: f64,
    /// Percent of one core per 10,000 idle connections.
    pub idle_cpu: f64,
    pub delivered: usize,
    pub last_delivery: Duration,
}

/// The server's process and its children (the workers).
fn process_tree(root: u32) -> Vec<u32> {
    let mut pids = vec![root];
    let Ok(entries) = std::fs::read_dir("/proc") else { return pids };
    for entry in entries.flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|n| n.parse::<u32>().ok()) else { continue };
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        // The parent's pid is the second field after the parenthesised name.
        let parent = stat.rsplit(')').next().and_then(|rest| rest.split_whitespace().nth(1));
        if parent.and_then(|p| p.parse::<u32>().ok()) == Some(root) {
            pids.push(pid);
        }
    }
    pids
}

fn total<T: std::iter::Sum<T>>(pids: &[u32], read: impl Fn(u32) -> Result<T>) -> Result<T> {
    pids.iter().map(|pid| read(*pid)).sum()
}

fn measure(paths: &Paths, stack: Stack, redis: u16, plan: Plan) -> Result<Cell> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let server =
        peers::start_command(command(stack, paths, redis, port, plan.workers)?, &name(stack, plan.workers), paths)?;
    // Every worker is listening once the port answers and the tree is whole.
    std::thread::sleep(Duration::from_secs(2));
    let pids = process_tree(server.process.pid());
    if pids.len() < plan.workers + 1 {
        return Err(format!("{} processes where {} workers and their parent were due", pids.len(), plan.workers).into());
    }
    let before = total(&pids, procfs::rss)?;
    let per = plan.connections / plan.generators;
    let mut generators = (0..plan.generators)
        .map(|i| Generator::start(paths, stack, port, per + usize::from(i < plan.connections % plan.generators), i))
        .collect::<Result<Vec<_>>>()?;
    let mut open_seconds = 0f64;
    for generator in &mut generators {
        let words = generator.line("opened")?;
        open_seconds = open_seconds.max(words.first().ok_or("opened without a time")?.parse()?);
    }
    eprintln!(
        "bench: scale, {}: {} connections open in {open_seconds:.1} s",
        name(stack, plan.workers),
        plan.connections
    );
    std::thread::sleep(Duration::from_secs(3));
    let held = total(&pids, procfs::rss)?;
    let cpu_before = total(&pids, procfs::cpu_time)?;
    std::thread::sleep(IDLE);
    let idle_cpu = (total(&pids, procfs::cpu_time)? - cpu_before).as_secs_f64() / IDLE.as_secs_f64();
    // The publisher: one more client, on this process.
    let publish_at = task::block_on(async {
        let to = SocketAddr::from(([127, 0, 0, 1], port));
        let mut ws = connect(stack, &url(stack, port), to, IpAddr::from([127, 0, 0, 1])).await?;
        let at = now_nanos();
        ws.send(stack.publish(PUBLICATION)).await?;
        // Kept open until it has had its own copy: the publication left.
        expect_publication(&mut ws).await?;
        Ok::<u64, crate::Error>(at)
    })?;
    // Asked until every connection has it (when each got it is their own clock's) or the
    // deadline passes.
    let deadline = Instant::now() + DELIVERY;
    let (delivered, last) = loop {
        let reports = generators.iter_mut().map(Generator::delivered).collect::<Result<Vec<_>>>()?;
        let delivered: usize = reports.iter().map(|r| r.0).sum();
        if delivered >= plan.connections || Instant::now() > deadline {
            break (delivered, reports.iter().map(|r| r.1).max().unwrap_or(0));
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    drop(generators);
    drop(server);
    Ok(Cell {
        open_seconds,
        bytes_per_connection: held.saturating_sub(before) as f64 / plan.connections as f64,
        idle_cpu: idle_cpu * 100.0 * 10_000.0 / plan.connections as f64,
        delivered,
        last_delivery: Duration::from_nanos(last.saturating_sub(publish_at)),
    })
}

async fn expect_publication(ws: &mut Ws) -> Result<()> {
    loop {
        match ws.next().await.ok_or("the publisher's connection closed")?? {
            Message::Text(text) if text.contains(PUBLICATION) => return Ok(()),
            _ => {}
        }
    }
}

pub fn run(paths: &Paths, plan: Plan) -> Result<Vec<Row>> {
    let (_redis, redis) = crate::cluster::redis(paths)?;
    Ok(Stack::ALL
        .iter()
        .map(|&stack| {
            let result = measure(paths, stack, redis, plan);
            eprintln!("bench: scale, {}: done", name(stack, plan.workers));
            Row { stack: name(stack, plan.workers), result }
        })
        .collect())
}

pub fn markdown(rows: &[Row], plan: Plan, stamp: &str) -> String {
    let mut out = format!(
        "{} concurrent connections to one port on this machine, opened by {} generator processes from \
         127.0.0.2 to 127.0.0.{} ({} handshakes in flight in each), held idle for {} s with keepalive \
         answered, then one message published through Redis to all of them.\n\n\
         | server | open all | RSS per connection | idle CPU per 10,000 connections | delivered | publish to last delivery |\n\
         |---|---|---|---|---|---|\n",
        plan.connections,
        plan.generators,
        plan.generators + 1,
        IN_FLIGHT,
        IDLE.as_secs()
    );
    for row in rows {
        match &row.result {
            Ok(c) => {
                let _ = writeln!(
                    out,
                    "| {} | {:.1} s | {:.1} KB | {:.2}% of a core | {} | {} ms |",
                    row.stack,
                    c.open_seconds,
                    c.bytes_per_connection / 1000.0,
                    c.idle_cpu,
                    c.delivered,
                    c.last_delivery.as_millis()
                );
            }
            Err(e) => {
                let _ = writeln!(out, "| {} | failed: {e} | | | | |", row.stack);
            }
        }
    }
    if let [Row { result: Ok(w), .. }, Row { result: Ok(n), .. }] = rows {
        let _ = writeln!(
            out,
            "\nwslua / Socket.IO: time to open {:.2}, bytes per connection {:.2}, idle CPU {:.2}, publish to last \
             delivery {:.2} (below 1: wslua takes less).",
            w.open_seconds / n.open_seconds,
            w.bytes_per_connection / n.bytes_per_connection,
            w.idle_cpu / n.idle_cpu,
            w.last_delivery.as_secs_f64() / n.last_delivery.as_secs_f64()
        );
    }
    let _ = write!(out, "\n{stamp}\n");
    out
}
