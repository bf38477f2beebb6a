//! Child processes under a bound: run to completion, or read line by line as they run, and
//! killed when the test is done with them.

use crate::peers::repo;
use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

/// How long a child may take to finish, or to print its next line.
pub const LIMIT: Duration = Duration::from_secs(60);

/// Runs `command` (in the repository unless it says where) to completion within [`LIMIT`].
pub fn finish(mut command: Command) -> Output {
    if command.get_current_dir().is_none() {
        command.current_dir(repo());
    }
    let mut child = command.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("starting");
    // Read as it comes: a child that writes more than a pipe holds would wait for us forever.
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            pipe.map(|mut p| p.read_to_end(&mut bytes));
            bytes
        })
    };
    let stdout = drain(child.stdout.take().map(|p| Box::new(p) as Box<dyn Read + Send>));
    let stderr = drain(child.stderr.take().map(|p| Box::new(p) as Box<dyn Read + Send>));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > LIMIT {
            child.kill().unwrap();
            panic!("{command:?} did not finish within {LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output { status, stdout: stdout.join().unwrap(), stderr: stderr.join().unwrap() }
}

/// A child process whose stdout is read line by line (each line within [`LIMIT`]); killed when
/// dropped.
pub struct Running {
    child: Child,
    lines: Receiver<String>,
}

impl Running {
    /// Starts `command`, in the repository unless it says where.
    pub fn start(mut command: Command) -> Running {
        if command.get_current_dir().is_none() {
            command.current_dir(repo());
        }
        let mut child = command.stdout(Stdio::piped()).spawn().unwrap_or_else(|e| panic!("starting {command:?}: {e}"));
        // A reader thread, so waiting for a line can time out instead of hanging the test.
        let (sender, lines) = std::sync::mpsc::channel();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        std::thread::spawn(move || stdout.lines().map_while(Result::ok).try_for_each(|line| sender.send(line)));
        Running { child, lines }
    }

    pub fn line(&mut self) -> String {
        self.lines.recv_timeout(LIMIT).expect("no line in time, or the process ended early")
    }

    /// The next line, as JSON (the peers of tests/peers speak JSON lines).
    pub fn json(&mut self) -> serde_json::Value {
        let line = self.line();
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("{line}: {e}"))
    }

    /// A server peer's first line, `{"port": N}`.
    pub fn port(&mut self) -> u16 {
        self.json()["port"].as_u64().and_then(|port| u16::try_from(port).ok()).expect("a port")
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Sends `signal` ("TERM", "STOP", ...) with kill(1).
    pub fn signal(&self, signal: &str) {
        let sent = Command::new("kill").arg(format!("-{signal}")).arg(self.pid().to_string()).status().unwrap();
        assert!(sent.success(), "kill -{signal} {}", self.pid());
    }

    /// The exit status and the rest of the output, within [`LIMIT`].
    pub fn wait(mut self) -> (ExitStatus, String) {
        let mut rest = String::new();
        while let Ok(line) = self.lines.recv_timeout(LIMIT) {
            rest.push_str(&line);
            rest.push('\n');
        }
        (self.child.wait().unwrap(), rest)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A new scratch directory for one test, named for it and this process.
pub fn scratch(label: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wslua-{label}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
