//! The programs under test and how to start them. Every server prints its port on its first line
//! of output; every Lua client takes a URL and a count, and answers "done" after the last message.

use crate::Result;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

/// Where the programs are, relative to the repository root.
pub struct Paths {
    pub root: PathBuf,
    pub logs: PathBuf,
}

impl Paths {
    pub fn new(root: PathBuf) -> Result<Paths> {
        let logs = root.join("target/bench-logs");
        std::fs::create_dir_all(&logs)?;
        Ok(Paths { root, logs })
    }

    fn peer(&self, file: &str) -> String {
        self.root.join("bench/peers").join(file).display().to_string()
    }

    fn program(&self, path: &str) -> Result<PathBuf> {
        let path = self.root.join(path);
        if path.exists() {
            Ok(path)
        } else {
            Err(format!("{} is missing (scripts/bench builds it)", path.display()).into())
        }
    }

    /// The runner as built by default: on LuaJIT.
    pub fn wslua(&self) -> Result<Command> {
        Ok(Command::new(self.program("target/release/wslua")?))
    }

    /// The runner built on Lua 5.4 (`runner-lua54`, in a target directory of its own).
    fn wslua_lua54(&self) -> Result<Command> {
        Ok(Command::new(self.program("target/runner-lua54/release/wslua")?))
    }

    /// LuaJIT with wslua's loadable module first on its C path.
    fn luajit_module(&self) -> Result<Command> {
        let dir = self.program("target/lua-modules/luajit")?;
        let mut command = Command::new("luajit");
        command.env("LUA_CPATH", format!("{}/?.so;;", dir.display()));
        Ok(command)
    }
}

/// The echo servers.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum Server {
    Ceiling,
    WsluaRunner,
    WsluaRunnerLua54,
    /// `wslua --workers 2`: two processes sharing the port.
    WsluaWorkers,
    WsluaModule,
    NodeWs,
    PythonWebsockets,
    LuaHttp,
}

impl Server {
    pub const ALL: [Server; 8] = [
        Server::Ceiling,
        Server::WsluaRunner,
        Server::WsluaRunnerLua54,
        Server::WsluaWorkers,
        Server::WsluaModule,
        Server::NodeWs,
        Server::PythonWebsockets,
        Server::LuaHttp,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Server::Ceiling => "ceiling: async-tungstenite",
            Server::WsluaRunner => "wslua runner",
            Server::WsluaRunnerLua54 => "wslua runner, Lua 5.4",
            Server::WsluaWorkers => "wslua runner, --workers 2",
            Server::WsluaModule => "wslua module, LuaJIT",
            Server::NodeWs => "node ws",
            Server::PythonWebsockets => "python websockets",
            Server::LuaHttp => "lua-http, LuaJIT",
        }
    }

    fn command(self, paths: &Paths) -> Result<Command> {
        Ok(match self {
            Server::Ceiling => with_args(Command::new(std::env::current_exe()?), ["echo-server".to_string()]),
            Server::WsluaRunner => with_args(paths.wslua()?, [paths.peer("echo.lua")]),
            Server::WsluaRunnerLua54 => with_args(paths.wslua_lua54()?, [paths.peer("echo.lua")]),
            Server::WsluaWorkers => {
                let args =
                    ["--workers".into(), "2".into(), paths.peer("echo.lua"), "--".into(), free_port()?.to_string()];
                with_args(paths.wslua()?, args)
            }
            Server::WsluaModule => with_args(paths.luajit_module()?, [paths.peer("echo.lua")]),
            Server::NodeWs => node(paths, "echo_ws.js")?,
            Server::PythonWebsockets => python(paths, "echo_websockets.py")?,
            Server::LuaHttp => with_args(Command::new("luajit"), [paths.peer("echo_luahttp.lua")]),
        })
    }
}

/// A port no one listens on now, for servers that must be told theirs (workers share one).
fn free_port() -> Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// A node `ws` peer script, finding the modules the test command installs.
pub fn node(paths: &Paths, script: &str) -> Result<Command> {
    let mut command = with_args(Command::new("node"), [paths.peer(script)]);
    command.env("NODE_PATH", paths.program("tests/peers/node_modules")?);
    Ok(command)
}

/// A python `websockets` peer script, run by the project's venv.
pub fn python(paths: &Paths, script: &str) -> Result<Command> {
    Ok(with_args(Command::new(paths.program(".venv/bin/python")?), [paths.peer(script)]))
}

fn with_args(mut command: Command, args: impl IntoIterator<Item = String>) -> Command {
    command.args(args);
    command
}

/// The fan-out servers: a sender's message goes to every receiver.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum Fanout {
    WsluaBroadcast,
    WsluaSendLoop,
    NodeWs,
    PythonWebsockets,
}

impl Fanout {
    pub const ALL: [Fanout; 4] =
        [Fanout::WsluaBroadcast, Fanout::WsluaSendLoop, Fanout::NodeWs, Fanout::PythonWebsockets];

    pub fn name(self) -> &'static str {
        match self {
            Fanout::WsluaBroadcast => "wslua runner, broadcast",
            Fanout::WsluaSendLoop => "wslua runner, send loop",
            Fanout::NodeWs => "node ws, clients.forEach",
            Fanout::PythonWebsockets => "python websockets.broadcast",
        }
    }

    pub fn command(self, paths: &Paths) -> Result<Command> {
        let lua = |mode: &str| -> Result<Command> {
            Ok(with_args(paths.wslua()?, [paths.peer("fanout.lua"), "--".into(), mode.into()]))
        };
        Ok(match self {
            Fanout::WsluaBroadcast => lua("broadcast")?,
            Fanout::WsluaSendLoop => lua("loop")?,
            Fanout::NodeWs => node(paths, "fanout_ws.js")?,
            Fanout::PythonWebsockets => python(paths, "fanout_websockets.py")?,
        })
    }
}

/// The Lua clients of the receive scenario (the ceiling's client runs in this process).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum Client {
    Ceiling,
    WsluaRunner,
    WsluaRunnerLua54,
    WsluaModule,
    LuaHttp,
    /// The runner client's callback with no socket: what its Lua costs alone, the most any
    /// delivery could reach.
    CallbackAlone,
}

impl Client {
    pub const ALL: [Client; 6] = [
        Client::Ceiling,
        Client::WsluaRunner,
        Client::WsluaRunnerLua54,
        Client::WsluaModule,
        Client::LuaHttp,
        Client::CallbackAlone,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Client::Ceiling => "ceiling: async-tungstenite",
            Client::WsluaRunner => "wslua runner",
            Client::WsluaRunnerLua54 => "wslua runner, Lua 5.4",
            Client::WsluaModule => "wslua module, LuaJIT",
            Client::LuaHttp => "lua-http, LuaJIT",
            Client::CallbackAlone => "wslua runner's callback alone, no socket",
        }
    }

    /// The command of an out-of-process client; `None` for the ceiling.
    pub fn command(self, paths: &Paths, url: &str, count: usize) -> Result<Option<Command>> {
        let (url, count) = (url.to_string(), count.to_string());
        Ok(Some(match self {
            Client::Ceiling => return Ok(None),
            Client::WsluaRunner => with_args(paths.wslua()?, [paths.peer("receive.lua"), "--".into(), url, count]),
            Client::WsluaRunnerLua54 => {
                with_args(paths.wslua_lua54()?, [paths.peer("receive.lua"), "--".into(), url, count])
            }
            Client::WsluaModule => with_args(paths.luajit_module()?, [paths.peer("receive.lua"), url, count]),
            Client::LuaHttp => with_args(Command::new("luajit"), [paths.peer("receive_luahttp.lua"), url, count]),
            Client::CallbackAlone => {
                with_args(paths.wslua()?, [paths.peer("receive.lua"), "--".into(), "alone".into(), count])
            }
        }))
    }
}

/// A child process whose stderr goes to a log file; killed when dropped.
pub struct Running {
    pub child: Child,
    log: PathBuf,
}

impl Running {
    pub fn spawn(mut command: Command, paths: &Paths, name: &str) -> Result<Running> {
        command.stdin(Stdio::null());
        Running::spawn_with_stdin(command, paths, name)
    }

    /// [`Running::spawn`] with the command's own stdin (a pipe to talk to it, say).
    pub fn spawn_with_stdin(mut command: Command, paths: &Paths, name: &str) -> Result<Running> {
        let log = paths.logs.join(format!("{}.log", name.replace([' ', ',', ':'], "_")));
        command.current_dir(&paths.root).stderr(File::create(&log)?);
        let child = command.spawn().map_err(|e| format!("cannot start {:?}: {e}", command.get_program()))?;
        Ok(Running { child, log })
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The end of what the process wrote to stderr, to explain a failure.
    pub fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(5)..].join("\n")
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A running echo server and its port.
pub struct Started {
    pub process: Running,
    pub port: u16,
}

impl Started {
    pub fn url(&self) -> String {
        format!("ws://127.0.0.1:{}/", self.port)
    }
}

pub fn start(server: Server, paths: &Paths) -> Result<Started> {
    start_command(server.command(paths)?, server.name(), paths)
}

/// Starts a server that prints its port on its first line.
pub fn start_command(mut command: Command, name: &str, paths: &Paths) -> Result<Started> {
    command.stdout(Stdio::piped());
    let mut process = Running::spawn(command, paths, name)?;
    let mut stdout = BufReader::new(process.child.stdout.take().ok_or("no stdout")?);
    let mut line = String::new();
    stdout.read_line(&mut line)?;
    // `[worker 1] PORT` from a runner's workers.
    let port =
        line.split_whitespace().last().unwrap_or_default().parse().map_err(|_| {
            format!("{name} did not print its port (printed {line:?}); its stderr: {}", process.log_tail())
        })?;
    // Nobody reads what a server prints later; keep its pipe from filling up.
    std::thread::spawn(move || std::io::copy(&mut stdout.into_inner().take(u64::MAX), &mut std::io::sink()));
    Ok(Started { process, port })
}
