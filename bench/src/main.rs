//! `wslua-bench`: wslua side by side with the ceiling and its peers, in one run on one machine.
//! `scripts/bench` builds and installs what it needs, then runs `wslua-bench all`.

mod cluster;
mod compression;
mod load;
mod peers;
mod plot;
mod procfs;
mod report;
mod scale;
mod scenarios;
mod serve;
mod stats;

use clap::{Parser, Subcommand};
use std::path::PathBuf;

pub type Error = Box<dyn std::error::Error + Send + Sync>;
pub type Result<T> = std::result::Result<T, Error>;

#[derive(Parser)]
#[command(about = "Benchmarks wslua against async-tungstenite, node ws, python websockets and lua-http")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Every scenario on every peer; writes the results table and the plot. Run from the
    /// repository root.
    All {
        /// Runs of each measurement (the median is reported).
        #[arg(long, default_value_t = 5)]
        runs: usize,
        /// A few seconds of everything instead of the real loads: checks the bench, not wslua.
        #[arg(long)]
        smoke: bool,
        /// Only the peers whose name contains one of these comma-separated parts (e.g.
        /// "ceiling,wslua runner"); the others are listed as left out.
        #[arg(long)]
        only: Option<String>,
        #[arg(long, default_value = "bench/results/latest.md")]
        table: PathBuf,
        #[arg(long, default_value = "docs/img/bench.svg")]
        plot: PathBuf,
        /// The manual page whose <!-- bench:start --> … <!-- bench:end --> part gets the results.
        #[arg(long, default_value = "docs/performance.md")]
        page: PathBuf,
    },
    /// The compression scenario alone (permessage-deflate on every side): wslua, node ws and
    /// python websockets in one run; writes its table. Run from the repository root.
    Compression {
        /// Messages echoed in each load.
        #[arg(long, default_value_t = 100_000)]
        count: usize,
        /// Connections opened for the memory figure.
        #[arg(long, default_value_t = 1_000)]
        idle: usize,
        /// Only the servers whose name contains one of these comma-separated parts.
        #[arg(long)]
        only: Option<String>,
        #[arg(long, default_value = "bench/results/compression.md")]
        table: PathBuf,
    },
    /// Fan-out across processes over Redis: wslua's channels and Socket.IO with its Redis
    /// adapter, 1 and 3 processes, 300 and 3,000 subscribers; writes its table and puts it in
    /// the manual's page. Run from the repository root.
    Cluster {
        /// Runs of each measurement (the median is reported).
        #[arg(long, default_value_t = 3)]
        runs: usize,
        /// A few seconds of everything instead of the real loads: checks the bench, not wslua.
        #[arg(long)]
        smoke: bool,
        #[arg(long, default_value = "bench/results/cluster.md")]
        table: PathBuf,
        /// The manual page whose <!-- cluster:start --> … <!-- cluster:end --> part gets the table.
        #[arg(long, default_value = "docs/scaling-out.md")]
        page: PathBuf,
    },
    /// Connection scale: CONNECTIONS concurrent connections to one port (wslua's runner with
    /// --workers, and Socket.IO in node's cluster), held, then one publish through Redis
    /// reaching all; writes its table and puts it in the manual's page. Run from the
    /// repository root.
    Scale {
        #[arg(long, default_value_t = 100_000)]
        connections: usize,
        /// Client processes, each from its own source address (127.0.0.2, .3, …).
        #[arg(long, default_value_t = 8)]
        generators: usize,
        /// Server processes of each stack.
        #[arg(long, default_value_t = 7)]
        workers: usize,
        #[arg(long, default_value = "bench/results/scale.md")]
        table: PathBuf,
        /// The manual page whose <!-- scale:start --> … <!-- scale:end --> part gets the table.
        #[arg(long, default_value = "docs/scaling-out.md")]
        page: PathBuf,
    },
    /// One client process of the scale scenario (`scale` starts them).
    #[command(hide = true)]
    ScaleGenerator { stack: String, port: u16, count: usize, source: std::net::IpAddr },
    /// The ceiling: a plain async-tungstenite echo server. Prints its port.
    EchoServer,
    /// Streams COUNT numbered messages to the first client that connects, then prints the rate:
    /// for profiling a client. Prints its port first.
    StreamServer {
        #[arg(long, default_value_t = 1_000_000)]
        count: usize,
        #[arg(long, default_value_t = 32)]
        size: usize,
    },
    /// The ceiling's client of the receive scenario against a running stream server: what a
    /// client profiled against that server is compared with.
    Receive {
        url: String,
        #[arg(long, default_value_t = 1_000_000)]
        count: usize,
    },
    /// Round trips of one message at a time against a running echo server, for profiling it.
    RoundTrips {
        url: String,
        #[arg(long, default_value_t = 10_000)]
        count: usize,
        #[arg(long, default_value_t = 32)]
        size: usize,
    },
    /// Echo load against a running server, for profiling it.
    Echo {
        url: String,
        #[arg(long, default_value_t = 100)]
        clients: usize,
        #[arg(long, default_value_t = 32)]
        size: usize,
        #[arg(long, default_value_t = 100_000)]
        count: usize,
    },
}

fn main() {
    if let Err(e) = run(Cli::parse()) {
        eprintln!("wslua-bench: {e}");
        std::process::exit(1);
    }
}

fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::EchoServer => async_std::task::block_on(serve::echo_server()),
        Command::ScaleGenerator { stack, port, count, source } => {
            rlimit::increase_nofile_limit(u64::MAX)?;
            scale::generator(&stack, port, count, source)
        }
        Command::Scale { connections, generators, workers, table, page } => {
            rlimit::increase_nofile_limit(u64::MAX)?;
            let paths = peers::Paths::new(std::env::current_dir()?)?;
            let manual = std::fs::read_to_string(&page).map_err(|e| format!("{}: {e}", page.display()))?;
            let plan = scale::Plan { connections, generators, workers };
            let started = std::time::Instant::now();
            let rows = scale::run(&paths, plan)?;
            let context = report::Context::collect(&paths, started.elapsed());
            let versions = report::socket_io_versions(&paths);
            let markdown = scale::markdown(&rows, plan, &context.stamp("wslua-bench scale", &versions));
            let manual = report::splice(&manual, "scale", &markdown).map_err(|e| format!("{}: {e}", page.display()))?;
            write(&table, &markdown)?;
            write(&page, &manual)?;
            println!("{markdown}");
            Ok(())
        }
        Command::Compression { count, idle, only, table } => {
            rlimit::increase_nofile_limit(u64::MAX)?;
            let paths = peers::Paths::new(std::env::current_dir()?)?;
            let rows = compression::run(&paths, count, idle, only.as_deref());
            let markdown = compression::markdown(&rows, count, idle);
            write(&table, &markdown)?;
            println!("{markdown}");
            Ok(())
        }
        Command::Cluster { runs, smoke, table, page } => {
            rlimit::increase_nofile_limit(u64::MAX)?;
            let paths = peers::Paths::new(std::env::current_dir()?)?;
            let manual = std::fs::read_to_string(&page).map_err(|e| format!("{}: {e}", page.display()))?;
            let plan = if smoke { cluster::Plan::smoke() } else { cluster::Plan::full(runs) };
            let started = std::time::Instant::now();
            let rows = cluster::run(&paths, plan)?;
            let context = report::Context::collect(&paths, started.elapsed());
            let versions = report::socket_io_versions(&paths);
            let markdown = cluster::markdown(&rows, plan, &context.stamp("wslua-bench cluster", &versions));
            let manual =
                report::splice(&manual, "cluster", &markdown).map_err(|e| format!("{}: {e}", page.display()))?;
            write(&table, &markdown)?;
            write(&page, &manual)?;
            println!("{markdown}");
            Ok(())
        }
        Command::StreamServer { count, size } => async_std::task::block_on(async {
            let listener = async_std::net::TcpListener::bind("127.0.0.1:0").await?;
            println!("{}", listener.local_addr()?.port());
            let elapsed = serve::stream_to_one(listener, count, size).await?;
            println!("{:.0} messages/s", count as f64 / elapsed.as_secs_f64());
            Ok(())
        }),
        Command::Receive { url, count } => async_std::task::block_on(load::receive(&url, count)),
        Command::RoundTrips { url, count, size } => {
            let times = async_std::task::block_on(load::round_trips(&url, size, count))?;
            let mut micros: Vec<f64> = times.iter().map(|t| t.as_secs_f64() * 1e6).collect();
            micros.sort_by(f64::total_cmp);
            println!("p50 {:.1} µs, p99 {:.1} µs", stats::percentile(&micros, 0.5), stats::percentile(&micros, 0.99));
            Ok(())
        }
        Command::Echo { url, clients, size, count } => {
            let result = async_std::task::block_on(load::echo(&url, clients, size, count))?;
            println!(
                "{:.0} messages/s, {:.1} MB/s in {:.2} s",
                result.per_second(),
                result.megabytes_per_second(),
                result.elapsed.as_secs_f64()
            );
            Ok(())
        }
        Command::All { runs, smoke, only, table, plot, page } => {
            rlimit::increase_nofile_limit(u64::MAX)?;
            let paths = peers::Paths::new(std::env::current_dir()?)?;
            // Read before the run, so a wrong path fails in a second, not after minutes.
            let manual = std::fs::read_to_string(&page).map_err(|e| format!("{}: {e}", page.display()))?;
            let plan = if smoke { scenarios::Plan::smoke() } else { scenarios::Plan::full(runs) };
            let started = std::time::Instant::now();
            let results = scenarios::run_all(plan, &paths, only.as_deref());
            let elapsed = started.elapsed();
            let markdown = report::markdown(&results, &report::Context::collect(&paths, elapsed));
            let manual = report::splice(&manual, "bench", &markdown).map_err(|e| format!("{}: {e}", page.display()))?;
            write(&table, &markdown)?;
            write(&plot, &plot::svg(&results))?;
            write(&page, &manual)?;
            eprintln!(
                "wslua-bench: wrote {}, {} and {} after {:.0} s",
                table.display(),
                plot.display(),
                page.display(),
                elapsed.as_secs_f64()
            );
            Ok(())
        }
    }
}

fn write(path: &PathBuf, text: &str) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()).into())
}
