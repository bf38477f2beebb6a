//! The compression scenario: echo servers with permessage-deflate on, driven by one load
//! generator that speaks it (wslua's engine as a client, the same for every server): 1 KiB
//! JSON-like text and 1 KiB random bytes over 100 connections; messages per second, bytes on
//! the wire per message (the TCP payload bytes of the server's sockets, frame headers included,
//! as `ss` reads them from the kernel), and the resident memory of a connection that has just
//! exchanged a message and of one idle since (wslua gives an idle connection's compressor
//! back after a second). wslua runs with its default settings and with others beside them.

use crate::peers::{self, Paths, Started};
use crate::{procfs, Result};
use std::collections::{HashMap, VecDeque};
use std::fmt::Write as _;
use std::process::Command;
use std::time::{Duration, Instant};
use wslua_runtime::{Bytes, Config, ConnId, ConnectOptions, DataKind, EventKind, Handshake, Message, Runtime};

const CONNECTIONS: usize = 100;
/// Messages in flight on each connection.
const WINDOW: usize = 4;
const SIZE: usize = 1024;
const WAIT: Duration = Duration::from_secs(60);

/// What one server did.
pub struct Row {
    pub server: String,
    /// (messages per second, wire bytes per message), JSON then random.
    pub loads: Vec<Result<(f64, f64)>>,
    /// Resident bytes per connection just after its message, and after [`IDLE`] more.
    pub memory: Result<(f64, f64)>,
}

/// How long the memory figure waits for connections to count as idle: past wslua's one second.
const IDLE: Duration = Duration::from_secs(2);

/// Distinct messages of each kind: a connection meets the same one again only after some 80 of
/// its messages, beyond the 32 KiB a compressor remembers, so repeats do not flatter anyone.
const POOL: usize = 8192;

/// The JSON-like messages: the same keys, changing values, as a game's state updates.
fn json_messages() -> Vec<Bytes> {
    (0..POOL)
        .map(|i| {
            let mut text = String::from("[");
            let mut n = 0;
            while text.len() < SIZE - 120 {
                let _ = write!(
                    text,
                    r#"{{"id":{},"x":{:.2},"y":{:.2},"hp":{},"name":"player{}"}},"#,
                    i * 100 + n,
                    (i * 7 + n) as f64 * 1.25,
                    (i * 3 + n * 5) as f64 * -0.5,
                    100 - (n % 100),
                    n
                );
                n += 1;
            }
            text.push_str(r#"{"end":true}]"#);
            text.extend(std::iter::repeat_n(' ', SIZE - text.len()));
            Bytes::from(text)
        })
        .collect()
}

/// Random bytes (xorshift), which do not compress.
fn random_messages() -> Vec<Bytes> {
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    (0..POOL)
        .map(|_| {
            (0..SIZE)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    (state >> 32) as u8
                })
                .collect()
        })
        .collect()
}

/// `count` connections with permessage-deflate agreed (an error if the server declines it).
fn connect(rt: &Runtime, url: &str, count: usize) -> Result<Vec<ConnId>> {
    let options = ConnectOptions { timeout: Some(WAIT), compression: Some(true), ..Default::default() };
    let conns = (0..count).map(|_| rt.connect(url, options.clone())).collect::<std::result::Result<Vec<_>, _>>()?;
    let mut open = 0;
    while open < count {
        let event = rt.next_event(Some(WAIT)).ok_or("connecting stalled")?;
        match event.kind {
            EventKind::Connected(Handshake::Client { .. }) => {
                let extensions = rt.stats(event.conn)?.extensions;
                if !extensions.starts_with("permessage-deflate") {
                    return Err("the server did not agree to permessage-deflate".into());
                }
                open += 1;
            }
            other => return Err(format!("while connecting: {other:?}").into()),
        }
    }
    Ok(conns)
}

/// Echoes `total` of `messages` over `conns`, each reply checked; returns the time it took.
fn echo(rt: &Runtime, conns: &[ConnId], messages: &[Bytes], kind: DataKind, total: usize) -> Result<Duration> {
    echo_window(rt, conns, messages, kind, total, WINDOW)
}

/// [`echo`] with `window` messages in flight on each connection.
fn echo_window(
    rt: &Runtime,
    conns: &[ConnId],
    messages: &[Bytes],
    kind: DataKind,
    total: usize,
    window: usize,
) -> Result<Duration> {
    let message = |i: usize| Message { data: messages[i % messages.len()].clone(), kind };
    let mut waiting: HashMap<ConnId, VecDeque<usize>> = HashMap::new();
    let started = Instant::now();
    let mut sent = 0;
    for conn in conns {
        for _ in 0..window.min(total - sent) {
            rt.send(*conn, message(sent))?;
            waiting.entry(*conn).or_default().push_back(sent);
            sent += 1;
        }
    }
    let mut received = 0;
    while received < total {
        let event = rt.next_event(Some(WAIT)).ok_or("the echo stalled")?;
        let EventKind::Message(reply) = event.kind else { return Err(format!("{:?}", event.kind).into()) };
        let index = waiting.get_mut(&event.conn).and_then(VecDeque::pop_front).ok_or("an unexpected reply")?;
        if reply.data != messages[index % messages.len()] || reply.kind != kind {
            return Err("a reply differs from its message".into());
        }
        received += 1;
        if sent < total {
            rt.send(event.conn, message(sent))?;
            waiting.entry(event.conn).or_default().push_back(sent);
            sent += 1;
        }
    }
    Ok(started.elapsed())
}

/// Payload bytes the kernel has carried both ways on the established sockets of the server on
/// `port` (`ss -ti`: bytes_received and bytes_sent).
fn tcp_bytes(port: u16) -> Result<u64> {
    let filter = format!("( sport = :{port} )");
    let out = Command::new("ss").args(["-tinH", "state", "established", &filter]).output()?;
    if !out.status.success() {
        return Err(format!("ss failed: {}", String::from_utf8_lossy(&out.stderr)).into());
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let counted = text
        .split_whitespace()
        .filter_map(|field| field.strip_prefix("bytes_received:").or_else(|| field.strip_prefix("bytes_sent:")))
        .map(str::parse::<u64>)
        .collect::<std::result::Result<Vec<_>, _>>()?;
    Ok(counted.iter().sum())
}

fn close_all(rt: &Runtime, conns: &[ConnId]) {
    for conn in conns {
        let _ = rt.disconnect(*conn, 1000, "");
    }
    let mut ended = 0;
    while ended < conns.len() {
        match rt.next_event(Some(WAIT)) {
            Some(event) if matches!(event.kind, EventKind::Disconnected { .. }) => ended += 1,
            Some(_) => {}
            None => break,
        }
    }
}

/// One load on a running server: (messages per second, wire bytes per message).
fn load(started: &Started, messages: &[Bytes], kind: DataKind, total: usize) -> Result<(f64, f64)> {
    let rt = Runtime::new(Config { compression: true, ..Config::default() });
    let conns = connect(&rt, &started.url(), CONNECTIONS)?;
    // A fifth first, to warm up the server; not counted.
    echo(&rt, &conns, messages, kind, total / 5)?;
    let before = tcp_bytes(started.port)?;
    let elapsed = echo(&rt, &conns, messages, kind, total)?;
    let wire = tcp_bytes(started.port)?.saturating_sub(before);
    close_all(&rt, &conns);
    // Each message crosses twice: in to the server and back out.
    Ok((total as f64 / elapsed.as_secs_f64(), wire as f64 / (2 * total) as f64))
}

/// Resident bytes per connection that has exchanged one JSON message, on a fresh server: at
/// once, and after [`IDLE`].
fn memory(command: Command, name: &str, paths: &Paths, count: usize) -> Result<(f64, f64)> {
    let started = peers::start_command(command, name, paths)?;
    let pid = started.process.pid();
    let before = procfs::rss(pid)?;
    let rt = Runtime::new(Config { compression: true, ..Config::default() });
    let json = json_messages();
    let mut conns = Vec::new();
    // In batches, as a server's clients would arrive.
    for _ in 0..count / CONNECTIONS {
        let batch = connect(&rt, &started.url(), CONNECTIONS)?;
        // One message each.
        echo_window(&rt, &batch, &json, DataKind::Text, CONNECTIONS, 1)?;
        conns.extend(batch);
    }
    let busy = procfs::rss(pid)?;
    std::thread::sleep(IDLE);
    let idle = procfs::rss(pid)?;
    close_all(&rt, &conns);
    let per = |rss: u64| rss.saturating_sub(before) as f64 / conns.len() as f64;
    Ok((per(busy), per(idle)))
}

/// The servers, with compression on.
#[derive(Clone, Copy)]
enum Server {
    /// With `compression_window_bits` and `compression_mem_level`; `None`: the defaults.
    Wslua(Option<(u8, u8)>),
    NodeWs,
    PythonWebsockets,
}

impl Server {
    /// wslua with its defaults first (the ratios are of that row), the peers, then wslua's
    /// other settings: zlib's default memLevel, with the protocol's window too, the smallest
    /// of both.
    const ALL: [Server; 6] = [
        Server::Wslua(None),
        Server::NodeWs,
        Server::PythonWebsockets,
        Server::Wslua(Some((12, 8))),
        Server::Wslua(Some((15, 8))),
        Server::Wslua(Some((9, 1))),
    ];

    fn name(self) -> String {
        match self {
            Server::Wslua(None) => "wslua runner".into(),
            Server::Wslua(Some((bits, level))) => format!("wslua, window_bits {bits}, mem_level {level}"),
            Server::NodeWs => "node ws".into(),
            Server::PythonWebsockets => "python websockets".into(),
        }
    }

    fn command(self, paths: &Paths) -> Result<Command> {
        Ok(match self {
            Server::Wslua(settings) => {
                let project = paths.logs.join("compression.project");
                let mut config = String::from("[websocket]\ncompression = 1\n");
                if let Some((bits, level)) = settings {
                    config += &format!("compression_window_bits = {bits}\ncompression_mem_level = {level}\n");
                }
                std::fs::write(&project, config)?;
                let mut wslua = paths.wslua()?;
                wslua.arg("--config").arg(&project).arg(paths.root.join("bench/peers/echo.lua"));
                wslua
            }
            Server::NodeWs => {
                let mut node = peers::node(paths, "echo_ws.js")?;
                node.env("WS_PER_MESSAGE_DEFLATE", "1");
                node
            }
            // websockets compresses by default.
            Server::PythonWebsockets => peers::python(paths, "echo_websockets.py")?,
        })
    }
}

pub fn run(paths: &Paths, total: usize, idle_count: usize, only: Option<&str>) -> Vec<Row> {
    let (json, random) = (json_messages(), random_messages());
    let mut rows = Vec::new();
    for server in Server::ALL {
        let name = server.name();
        if only.is_some_and(|parts| !parts.split(',').any(|part| name.contains(part))) {
            continue;
        }
        let loads = match server.command(paths).and_then(|command| peers::start_command(command, &name, paths)) {
            Ok(started) => {
                vec![load(&started, &json, DataKind::Text, total), load(&started, &random, DataKind::Binary, total)]
            }
            Err(e) => vec![Err(e.to_string().into()), Err(e)],
        };
        eprintln!("bench: compression echo, {name}: done");
        let memory = server.command(paths).and_then(|command| memory(command, &name, paths, idle_count));
        eprintln!("bench: compression idle memory, {name}: done");
        rows.push(Row { server: name, loads, memory });
    }
    rows
}

fn show(value: &Result<f64>, format: impl Fn(f64) -> String) -> String {
    match value {
        Ok(v) => format(*v),
        Err(e) => format!("failed: {e}"),
    }
}

/// The results table, and wslua's ratios to each peer.
pub fn markdown(rows: &[Row], total: usize, idle_count: usize) -> String {
    let mut out = format!(
        "## Compression (permessage-deflate on both sides)\n\n{CONNECTIONS} connections, {WINDOW} messages in \
         flight on each, {total} messages of {SIZE} B per load; resident memory per connection over \
         {idle_count} connections that exchanged one JSON message each, on a fresh server: just after, and \
         {} s later.\n\n| server | JSON msg/s | JSON wire B/msg | random msg/s | random wire B/msg | \
         RSS per connection | RSS per idle connection |\n|---|---|---|---|---|---|---|\n",
        IDLE.as_secs()
    );
    let value = |r: &Result<(f64, f64)>, pick: fn(&(f64, f64)) -> f64| match r {
        Ok(pair) => Ok(pick(pair)),
        Err(e) => Err(e.to_string().into()),
    };
    for row in rows {
        let cells: Vec<String> = row
            .loads
            .iter()
            .flat_map(|l| {
                [show(&value(l, |p| p.0), |v| format!("{v:.0}")), show(&value(l, |p| p.1), |v| format!("{v:.0}"))]
            })
            .collect();
        let kib = |v: f64| format!("{:.0} KiB", v / 1024.0);
        let (busy, idle) = match &row.memory {
            Ok((busy, idle)) => (kib(*busy), kib(*idle)),
            Err(e) => (format!("failed: {e}"), String::new()),
        };
        let _ = writeln!(out, "| {} | {} | {busy} | {idle} |", row.server, cells.join(" | "));
    }
    let Some(wslua) = rows.first() else { return out };
    out.push_str("\nwslua / peer (messages/s: above 1 is faster; wire bytes: below 1 is smaller):\n\n");
    for peer in rows[1..].iter().filter(|row| !row.server.starts_with("wslua")) {
        let ratio = |i: usize, pick: fn(&(f64, f64)) -> f64| match (&wslua.loads[i], &peer.loads[i]) {
            (Ok(a), Ok(b)) => format!("{:.2}", pick(a) / pick(b)),
            _ => "n/a".into(),
        };
        let _ = writeln!(
            out,
            "- vs {}: JSON msg/s {}, JSON wire {}, random msg/s {}, random wire {}",
            peer.server,
            ratio(0, |p| p.0),
            ratio(0, |p| p.1),
            ratio(1, |p| p.0),
            ratio(1, |p| p.1)
        );
    }
    out
}
