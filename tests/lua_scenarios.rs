//! The Lua scenarios of `tests/lua/`, each run by the `wslua` runner and by stock `lua5.4` and
//! `luajit` with the loadable module, plus the runner-only ones of `tests/lua/runner/`
//! (lifecycle, signals, the reference manual's example, idle CPU).

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const LIMIT: Duration = Duration::from_secs(60);

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn runner() -> Command {
    Command::new(env!("CARGO_BIN_EXE_wslua"))
}

/// `lua5.4` or `luajit` set up to `require "websocket"` from the module scripts/test builds.
fn stock(interpreter: &str) -> Command {
    let dir = std::env::var_os("WSLUA_MODULE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("target/lua-modules"))
        .join(interpreter);
    assert!(
        dir.join("websocket.so").exists(),
        "{}/websocket.so is missing: run scripts/build-module.sh {interpreter} {} (scripts/test does)",
        dir.display(),
        dir.display()
    );
    let mut command = Command::new(interpreter);
    command
        .env("LUA_CPATH", format!("{}/?.so;;", dir.display()))
        .env("LUA_CPATH_5_4", format!("{}/?.so;;", dir.display()));
    command
}

fn python_peer(script: &str) -> Command {
    let python = repo().join(".venv/bin/python");
    assert!(
        python.exists(),
        "{} is missing: run scripts/test, which installs the python websockets peer",
        python.display()
    );
    let mut command = Command::new(python);
    command.arg(repo().join("tests/peers").join(script));
    command
}

/// Runs to completion within [`LIMIT`].
fn finish(mut command: Command) -> Output {
    let mut child =
        command.current_dir(repo()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("starting");
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

/// A new scratch directory for one test, named for it and this process.
fn scratch(label: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wslua-{label}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// examples/echo.lua under the runner, configured by a `dir/game.project` holding `text`.
fn echo_with_project(dir: &Path, text: &str) -> Output {
    let project = dir.join("game.project");
    std::fs::write(&project, text).unwrap();
    let mut command = runner();
    command.arg("examples/echo.lua").arg("--config").arg(&project);
    finish(command)
}

fn scenario(name: &str) {
    let script = format!("tests/lua/{name}.lua");
    for (label, mut command) in [("wslua", runner()), ("lua5.4", stock("lua5.4")), ("luajit", stock("luajit"))] {
        command.arg(&script);
        let out = finish(command);
        let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(
            out.status.success() && stdout.contains(&format!("ok {name}")),
            "{name} under {label}: {}\nstdout:\n{stdout}\nstderr:\n{stderr}",
            out.status
        );
        if name == "callback_error" {
            assert!(
                stderr.contains("deliberate failure in a callback") && stderr.contains("stack traceback"),
                "{label}: {stderr}"
            );
        }
    }
}

#[test]
fn echo_roundtrip() {
    scenario("echo_roundtrip");
}

#[test]
fn server_request_info() {
    scenario("server_request_info");
}

#[test]
fn connect_failures() {
    scenario("connect_failures");
}

#[test]
fn callback_error() {
    scenario("callback_error");
}

#[test]
fn message_order() {
    scenario("message_order");
}

#[test]
fn bad_arguments() {
    scenario("bad_arguments");
}

#[test]
fn handle_identity() {
    scenario("handle_identity");
}

#[test]
fn broadcast_basics() {
    scenario("broadcast_basics");
}

#[test]
fn channels_local() {
    scenario("channels_local");
}

#[test]
fn compression() {
    scenario("compression");
}

#[test]
fn listen_options() {
    scenario("listen_options");
}

#[test]
fn listen_stop_cycles() {
    scenario("listen_stop_cycles");
}

/// A child process whose stdout is read line by line (each line within [`LIMIT`]); killed when
/// dropped.
struct Running {
    child: Child,
    lines: std::sync::mpsc::Receiver<String>,
}

impl Running {
    fn start(mut command: Command) -> Running {
        if command.get_current_dir().is_none() {
            command.current_dir(repo());
        }
        let mut child = command.stdout(Stdio::piped()).spawn().expect("starting");
        let (sender, lines) = std::sync::mpsc::channel();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        std::thread::spawn(move || stdout.lines().map_while(Result::ok).try_for_each(|line| sender.send(line)));
        Running { child, lines }
    }

    fn line(&mut self) -> String {
        self.lines.recv_timeout(LIMIT).expect("no line in time, or the process ended early")
    }

    fn json(&mut self) -> serde_json::Value {
        let line = self.line();
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("{line}: {e}"))
    }

    fn signal(&self, signal: &str) {
        assert!(Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(self.child.id().to_string())
            .status()
            .unwrap()
            .success());
    }

    /// The exit status and the rest of the output, within [`LIMIT`].
    fn wait(mut self) -> (std::process::ExitStatus, String) {
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

#[test]
fn sys_exit_runs_finalize_flushes_and_closes_then_exits_with_the_code() {
    let mut server = Running::start(python_peer("echo_server.py"));
    let port = server.json()["port"].as_u64().unwrap();
    let mut command = runner();
    command.arg("tests/lua/runner/lifecycle_exit.lua").arg("--").arg(format!("ws://127.0.0.1:{port}/lifecycle"));
    let out = finish(command);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(3), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("finalize after"), "{stdout}");
    let seen = server.json();
    assert_eq!(seen["path"], "/lifecycle");
    assert_eq!(seen["received"], 2, "ping and the last words sent in finalize: {seen}");
    assert_eq!((seen["close_code"].as_u64(), seen["close_reason"].as_str()), (Some(1000), Some("finalize")));
}

#[test]
fn sigint_and_sigterm_run_finalize_and_close_clients_with_1001() {
    for signal in ["INT", "TERM"] {
        let mut server = Running::start({
            let mut c = runner();
            c.arg("tests/lua/runner/serve_until_signal.lua");
            c
        });
        let port: u16 = server.line().strip_prefix("listening on ").expect("the port line").parse().unwrap();
        let mut client = Running::start({
            let mut c = python_peer("watch_close.py");
            c.arg(format!("ws://127.0.0.1:{port}/"));
            c
        });
        assert_eq!(client.json()["connected"], true);
        server.signal(signal);
        let (status, rest) = server.wait();
        assert!(status.success(), "SIG{signal}: {status}");
        assert!(rest.contains("finalize"), "SIG{signal}: {rest}");
        assert_eq!(client.json()["close_code"], 1001, "SIG{signal}");
    }
}

#[test]
fn the_reference_manual_client_example_runs_unchanged() {
    let mut command = runner();
    command.arg("tests/lua/runner/reference_manual_client.lua");
    let out = finish(command);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("Connected: websocket.connection: "), "{stdout}");
    assert!(stdout.contains("Receiving: 'hello from the manual'"), "{stdout}");
}

/// utime + stime of a process, in clock ticks (USER_HZ, 100 on Linux).
fn cpu_ticks(pid: u32) -> u64 {
    let mut stat = String::new();
    std::fs::File::open(format!("/proc/{pid}/stat")).unwrap().read_to_string(&mut stat).unwrap();
    // Fields after the command name, which ends with the last ')'.
    let fields: Vec<&str> = stat[stat.rfind(')').unwrap() + 2..].split(' ').collect();
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

#[test]
fn an_idle_runner_with_an_open_connection_uses_almost_no_cpu() {
    const WINDOW: Duration = Duration::from_secs(10);
    let mut running = Running::start({
        let mut c = runner();
        c.arg("tests/lua/runner/idle_connection.lua");
        c
    });
    assert_eq!(running.line(), "idle");
    let pid = running.child.id();
    let before = cpu_ticks(pid);
    std::thread::sleep(WINDOW);
    let used = cpu_ticks(pid) - before;
    let percent = used as f64 / (WINDOW.as_secs_f64() * 100.0) * 100.0;
    eprintln!("idle runner: {used} ticks in {WINDOW:?} = {percent:.2}% CPU");
    assert!(percent < 2.0, "an idle runner used {percent:.2}% CPU");
    running.signal("TERM");
    assert!(running.wait().0.success());
}

#[test]
fn the_examples_run() {
    let mut command = runner();
    command.arg("examples/echo.lua");
    let out = finish(command);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "echo.lua: {stdout}");
    assert!(
        stdout.contains("client: echo 3: text") && stdout.contains("code 4000, reason \"demo finished\""),
        "{stdout}"
    );

    let mut command = runner();
    command.arg("examples/defold_style.lua");
    let out = finish(command);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.matches("echo: tick at").count() == 3 && stdout.contains("finalize"),
        "{stdout}"
    );

    for interpreter in ["lua5.4", "luajit"] {
        let mut command = stock(interpreter);
        command.arg("examples/module_echo.lua").arg("/nonexistent"); // the module comes from LUA_CPATH
        let out = finish(command);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && stdout.contains("echo: message 3") && stdout.contains("done"),
            "{interpreter}: {stdout}"
        );
    }

    let mut server = Running::start({
        let mut c = runner();
        c.args(["examples/echo_server.lua", "--", "0"]);
        c
    });
    let line = server.line();
    let url = line.strip_prefix("echo server listening on ").expect("the listening line");
    let mut command = runner();
    command.args(["examples/echo_client.lua", "--", url]);
    let out = finish(command);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("echo: third") && stdout.contains("disconnected: 1000"),
        "{stdout}"
    );
    server.signal("TERM");
    assert!(server.wait().0.success());

    // As its header says: certificates first.
    let dir = test_certificates("example", "DNS:localhost,IP:127.0.0.1");
    let mut command = runner();
    command.args(["examples/wss_server.lua", "--"]).arg(&dir);
    let out = finish(command);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && stdout.contains("client: echo: hello over TLS"), "wss_server.lua: {stdout}");
    std::fs::remove_dir_all(&dir).unwrap();

    let mut command = runner();
    command.arg("examples/auth_server.lua");
    let out = finish(command);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let told = ["client /: refused: 401 a token is required", "client /?token=let-me-in: echo: hello"];
    assert!(out.status.success() && told.iter().all(|t| stdout.contains(t)), "auth_server.lua: {stdout}");
}

#[test]
fn the_runner_reports_script_errors_with_a_traceback_and_exit_code_1() {
    let dir = scratch("runner");
    for (name, source) in [
        ("chunk.lua", "local function f() error('broken chunk') end\nf()\n"),
        ("init.lua", "function init(self) error('broken init') end\n"),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, source).unwrap();
        let mut command = runner();
        command.arg(&path);
        let out = finish(command);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {stderr}");
        assert!(
            stderr.contains(&format!("{name}:1: broken")) && stderr.contains("stack traceback"),
            "{name}: {stderr}"
        );
    }
    // A wrong argument is raised at the caller's line, and the binding is one C frame, as a C
    // module's luaL_error shows it: no frame of glue.
    let path = dir.join("argument.lua");
    std::fs::write(&path, "local function f()\n  websocket.send(nil, 'x')\nend\nf()\n").unwrap();
    let mut command = runner();
    command.arg(&path);
    let out = finish(command);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("argument.lua:2: bad argument #1 to 'send' (websocket.connection expected, got nil)"));
    let traceback = stderr.split("stack traceback:\n").nth(1).unwrap_or_default();
    let expected = format!("\t[C]: in function 'websocket.send'\n\t{}:2: in local 'f'", path.display());
    assert!(traceback.contains(&expected) && !traceback.contains("websocket:"), "{stderr}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_runner_has_help_and_version() {
    let mut help = runner();
    help.arg("--help");
    let out = finish(help);
    assert!(out.status.success() && String::from_utf8_lossy(&out.stdout).contains("--config <FILE>"));
    let mut version = runner();
    version.arg("--version");
    let out = finish(version);
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), format!("wslua {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn debug_2_in_game_project_logs_state_changes_and_messages() {
    let dir = scratch("debug");
    let out = echo_with_project(&dir, "[websocket]\ndebug = 2\nsocket_timeout = 1000000\n");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    for expected in [
        "listening on port",
        "connected to ws://127.0.0.1",
        "sending text \"Hello, websocket!\"",
        "received binary 000102ff",
        "disconnected with 4000",
    ] {
        assert!(stderr.contains(expected), "no '{expected}' in:\n{stderr}");
    }
    let out = echo_with_project(&dir, "[websocket]\ndebug = loud\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("[websocket] debug: 'loud' is not an integer"));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Values a careless or hostile script may pass anywhere, as Lua source.
const HOSTILE: &[&str] = &[
    "nil",
    "true",
    "function() end",
    "0/0",
    "math.huge",
    "-math.huge",
    "-1",
    "2^63",
    "string.rep('x', 10 * 1024 * 1024)",
    "{}",
];

/// A valid value of a member, as Lua source, so that each case varies one value only.
fn valid_lua(member: &wslua_codegen::model::Member, model: &wslua_codegen::Model) -> String {
    use wslua_codegen::types::{Literal, Type};
    match (&member.default, &member.ty) {
        (Some(Literal::String(constant)), Type::Constant { .. }) => format!("{}.{constant}", model.module.name),
        (Some(Literal::String(text)), _) => format!("{text:?}"),
        (Some(literal), _) => literal.to_string(),
        (None, Type::String) if member.name == "url" => "URL".into(),
        (None, Type::String | Type::Bytes) => "'hello'".into(),
        (None, Type::Integer) if member.name == "port" => "0".into(),
        (None, Type::Integer | Type::Number) => "1".into(),
        (None, Type::Boolean) => "true".into(),
        (None, Type::Handle(_)) => "open()".into(),
        (None, Type::Table(_)) => "{}".into(),
        (None, Type::Callback(_)) => "function() end".into(),
        (None, Type::Constant { group, .. }) => {
            let group = model.groups.iter().find(|g| &g.name == group).expect("the group of a constant type");
            group.members[0].lua_name.clone()
        }
        (None, Type::Any | Type::Map | Type::Union(..)) => "nil".into(),
        (None, Type::Array(element)) if matches!(**element, Type::Handle(_)) => "{ open() }".into(),
        (None, Type::Array(_)) => "{}".into(),
    }
}

/// For every function of `models`, every parameter and every field of a table parameter, one
/// call with each hostile value in that place and valid values elsewhere, in a script that
/// counts them.
fn hostile_script(models: &[wslua_codegen::Model]) -> (String, usize) {
    let calls: Vec<String> = models.iter().flat_map(hostile_calls).collect();
    hostile_script_of(&calls)
}

fn hostile_calls(model: &wslua_codegen::Model) -> Vec<String> {
    let mut calls = Vec::new();
    let prefix = if model.module.globals { String::new() } else { format!("{}.", model.module.name) };
    for function in &model.functions {
        let args: Vec<String> = function.params.iter().map(|p| valid_lua(p, model)).collect();
        for (i, param) in function.params.iter().enumerate() {
            // The parameter itself (None), and each field of a table parameter.
            let mut places = vec![None];
            if let wslua_codegen::types::Type::Table(name) = &param.ty {
                let table = model.tables.iter().find(|t| &t.name == name).unwrap();
                places.extend(table.fields.iter().map(|f| Some(f.name.as_str())));
            }
            for place in &places {
                for value in HOSTILE {
                    let mut call_args = args.clone();
                    call_args[i] = match place {
                        None => value.to_string(),
                        Some(field) => format!("{{ {field} = {value} }}"),
                    };
                    let call = format!("{prefix}{}({})", function.name, call_args.join(", "));
                    calls.push(format!("try({:?}, function() return {call} end, {:?})", function.name, call));
                }
            }
        }
    }
    calls
}

fn hostile_script_of(calls: &[String]) -> (String, usize) {
    let script = format!(
        r#"-- Generated by tests/lua_scenarios.rs from api.yaml (and runner.yaml for the runner).
local websocket = require "websocket"
function serve()
  URL = "ws://127.0.0.1:" .. websocket.listen(0, 10000, 5, function() end) .. "/"
end
serve()

-- A new connected client connection.
function open()
  local connected = false
  local conn = websocket.connect(URL, nil, function(_, _, data)
    if data.event == websocket.EVENT_CONNECTED then connected = true end
  end)
  local deadline = os.time() + 20
  while not connected do
    websocket.update(0.05)
    assert(os.time() <= deadline, "open: not connected in time")
  end
  return conn
end

local done = 0
function try(name, call, source)
  local ok, err = pcall(call)
  err = tostring(err)
  if not ok and not err:find("'" .. name .. "'", 1, true) and not err:find(name .. ": ", 1, true) then
    error(source:sub(1, 200) .. " raised an error that does not name '" .. name .. "': " .. err:sub(1, 300), 0)
  end
  done = done + 1
  -- stop_listening stops this script's server too: start another for the next calls.
  if name == "stop_listening" then serve() end
  websocket.update(0)
end

{}

-- The runner's repeating timers would keep it running: handles count from 1.
if timer then
  for handle = 1, 10000 do timer.cancel(handle) end
end
websocket.stop_listening()
websocket.run()
print("ok hostile " .. done)
"#,
        calls.join("\n")
    );
    (script, calls.len())
}

#[test]
fn hostile_values_in_every_parameter_end_in_success_or_an_error_naming_the_function() {
    let model = wslua_codegen::load(&repo().join("api.yaml")).unwrap();
    hostile_run("websocket", &[model], 150, &["wslua", "lua5.4", "luajit"]);
}

/// The same for the runner's globals (runner.yaml), under the runner.
#[test]
fn hostile_values_in_the_runners_globals_end_in_success_or_an_error_naming_the_function() {
    let models = wslua_codegen::load_modules(&repo().join("runner.yaml")).unwrap();
    hostile_run("runner", &models, 80, &["wslua"]);
}

/// Runs the hostile calls of `models` (at least `least` of them) under each interpreter.
fn hostile_run(label: &str, models: &[wslua_codegen::Model], least: usize, interpreters: &[&str]) {
    let (script, calls) = hostile_script(models);
    assert!(calls >= least, "only {calls} calls generated");
    let path = std::env::temp_dir().join(format!("wslua-hostile-{label}-{}.lua", std::process::id()));
    std::fs::write(&path, script).unwrap();
    for label in interpreters {
        let mut command = if *label == "wslua" { runner() } else { stock(label) };
        command.arg(&path);
        let out = finish(command);
        let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(!stderr.contains("panicked"), "{label} panicked:\n{stderr}");
        assert!(
            out.status.success() && stdout.contains(&format!("ok hostile {calls}")),
            "{label}: {}\nstdout:\n{stdout}\nstderr:\n{stderr}",
            out.status
        );
    }
    std::fs::remove_file(&path).unwrap();
}

/// Config values a careless hand may write, as game.project text.
const HOSTILE_CONFIG: &[&str] =
    &["nan", "inf", "-inf", "-1", "0", "1e-300", "1e19", "9223372036854775808", "", "{}", "yes"];

/// Every config key of api.yaml, and `[display] update_frequency`, set to each hostile value: the
/// runner either runs a script that uses the network (a server, a client, an echo, a close) or
/// stops with exit code 1 and an error naming the file, the line and the key. It never panics.
#[test]
fn hostile_config_values_run_or_stop_with_an_error_naming_file_line_and_key() {
    let model = wslua_codegen::load(&repo().join("api.yaml")).unwrap();
    let config = model.config.as_ref().unwrap();
    let dir = scratch("hostile-config");
    let script = dir.join("exercise.lua");
    std::fs::write(
        &script,
        r#"function init(self)
  local port = websocket.listen(0, 4, 5, function(_, conn, data)
    if data.event == websocket.EVENT_MESSAGE then websocket.send(conn, data.message) end
  end)
  websocket.connect("ws://127.0.0.1:" .. port .. "/", nil, function(_, conn, data)
    if data.event == websocket.EVENT_CONNECTED then websocket.send(conn, "ping")
    elseif data.event == websocket.EVENT_MESSAGE then websocket.disconnect(conn)
    elseif data.event == websocket.EVENT_DISCONNECTED then print("ok exercise") sys.exit(0) end
  end)
end
"#,
    )
    .unwrap();
    let keys =
        config.keys.iter().map(|k| (config.section.as_str(), k.name.as_str())).chain([("display", "update_frequency")]);
    let mut failures = Vec::new();
    let mut refused = 0;
    for (section, key) in keys {
        for value in HOSTILE_CONFIG {
            let project = dir.join("game.project");
            std::fs::write(&project, format!("# hostile\n[{section}]\n{key} = {value}\n")).unwrap();
            let mut command = runner();
            command.arg(&script).arg("--config").arg(&project);
            let out = finish(command);
            let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
            let named = stderr.contains(&format!("game.project:3: [{section}] {key}: "));
            let ran = out.status.success() && stdout.contains("ok exercise");
            if named && out.status.code() == Some(1) {
                refused += 1;
            } else if !ran || stderr.contains("panicked") {
                failures.push(format!("{key} = {value}: {}\n{stdout}{stderr}", out.status));
            }
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(refused > 50, "only {refused} values refused");
}

/// Refusals whose body comes late, chunked, too big, stalled or ended by a close: the error event
/// has all of it (tests/lua/refused_bodies.lua), under the runner and both stock interpreters.
#[test]
fn a_refused_handshake_reports_the_whole_body() {
    let mut server = Running::start(python_peer("refusing_server.py"));
    let port = server.json()["port"].as_u64().unwrap().to_string();
    let script = "tests/lua/refused_bodies.lua";
    let mut wslua = runner();
    wslua.args([script, "--", &port]);
    for (label, mut command) in [("wslua", wslua), ("lua5.4", stock("lua5.4")), ("luajit", stock("luajit"))] {
        if label != "wslua" {
            command.args([script, &port]);
        }
        let out = finish(command);
        let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(
            out.status.success() && stdout.contains("ok refused_bodies"),
            "{label}: {}\nstdout:\n{stdout}\nstderr:\n{stderr}",
            out.status
        );
    }
}

/// The rock: `luarocks make` into a new tree for Lua 5.4 and for LuaJIT (`--lua-version 5.1`),
/// then the module example runs from that tree alone, with the paths `luarocks path` gives.
#[test]
fn luarocks_make_installs_a_module_each_interpreter_loads() {
    let tree = std::env::temp_dir().join(format!("wslua-rock-{}", std::process::id()));
    for (version, interpreter) in [("5.4", "lua5.4"), ("5.1", "luajit")] {
        let make = Command::new("luarocks")
            .args(["--lua-version", version, "--tree"])
            .arg(&tree)
            .arg("make")
            .current_dir(repo())
            .output()
            .expect("luarocks is missing: scripts/test installs Debian's luarocks");
        let said = String::from_utf8_lossy(&make.stdout).to_string() + &String::from_utf8_lossy(&make.stderr);
        assert!(make.status.success(), "luarocks --lua-version {version} make: {said}");
        let stub = tree.join(format!("lib/luarocks/rocks-{version}/wslua/dev-1/generated/lua/websocket.lua"));
        assert!(stub.exists(), "the LuaLS stub is not in the rock: {}", stub.display());
        let script = format!(
            "eval \"$(luarocks --lua-version {version} --tree '{}' path)\" && {interpreter} examples/module_echo.lua /nonexistent",
            tree.display()
        );
        let mut run = Command::new("sh");
        run.args(["-c", &script]).env_remove("LUA_CPATH").env_remove("LUA_CPATH_5_4");
        let out = finish(run);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && stdout.contains("echo: message 3") && stdout.contains("done"),
            "{interpreter} with the rock: {stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    std::fs::remove_dir_all(&tree).unwrap();
}

/// game.project mistakes: an unknown key is a warning on stderr at any `debug` level, naming
/// file, line and the nearest key; a malformed file is an error in words, on the line at fault.
#[test]
fn game_project_mistakes_are_named_with_file_and_line() {
    let dir = scratch("project");
    let run = |text: &str| {
        let out = echo_with_project(&dir, text);
        (out.status.code(), String::from_utf8_lossy(&out.stderr).to_string())
    };
    let (code, stderr) = run("[websocket]\ndebug = 0\ndebgu = 1\n");
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("game.project:3: warning: [websocket] has no key 'debgu' (ignored); did you mean 'debug'?"),
        "{stderr}"
    );
    for (text, error) in [
        (
            "[display]\nupdate_frequency = 30\n[websocket\ndebug = 1\n",
            "game.project:3: a [section] header is not closed with ']'",
        ),
        (
            "[websocket]\nsocket_timeout = -5\n",
            "game.project:2: [websocket] socket_timeout: must be from 1 to 86400000000, got -5",
        ),
        (
            "[websocket]\ndebug = 1\ncompression = on\n",
            "game.project:3: [websocket] compression: 'on' is not an integer",
        ),
        ("[websocket]\ncompression = 2\n", "game.project:2: [websocket] compression: must be from 0 to 1, got 2"),
        (
            "[websocket]\ndebug = 1\n\nbroker = 127.0.0.1:6379\n",
            "game.project:4: [websocket] broker: '127.0.0.1:6379' is not a redis:// url",
        ),
    ] {
        let (code, stderr) = run(text);
        assert_eq!(code, Some(1), "{stderr}");
        assert!(stderr.contains(error), "{stderr}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `debug = 2` shows wslua's own sentences, not the libraries' internals.
#[test]
fn the_debug_log_has_no_library_internals() {
    let dir = scratch("debug-internals");
    let out = echo_with_project(&dir, "[websocket]\ndebug = 2\n");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && stderr.contains("disconnected with 4000"), "{stderr}");
    for internal in ["CloseFrame", "Utf8Bytes", "handshake done", "Received close frame"] {
        assert!(!stderr.contains(internal), "'{internal}' in the debug log:\n{stderr}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The cookbook's examples (docs/cookbook.md) run as the page says.
#[test]
fn the_cookbook_examples_run() {
    let mut command = runner();
    command.arg("examples/reconnect_demo.lua");
    let out = finish(command);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "reconnect_demo.lua: {stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        stdout.contains("reconnect: try 2 in") && stdout.contains("client: the server says welcome back"),
        "{stdout}"
    );

    let mut command = runner();
    command.args(["examples/heartbeat.lua", "--", "3"]);
    let out = finish(command);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && stdout.contains("heartbeat 3: back within"), "heartbeat.lua: {stdout}");

    let mut command = stock("lua5.4");
    command.arg("examples/json_messages.lua");
    let out = finish(command);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("reply 3: sum 33") && stdout.contains("json: done"),
        "json_messages.lua (needs Debian's lua-cjson, which scripts/test installs): {stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// examples/browser/index.html in Chromium talks to a runner echo server.
#[test]
fn the_browser_example_talks_to_a_runner_server() {
    let modules = repo().join("tests/peers/node_modules");
    assert!(modules.join("playwright-core").exists(), "playwright-core is missing: scripts/test installs it");
    let mut server = Running::start({
        let mut c = runner();
        c.args(["examples/echo_server.lua", "--", "0"]);
        c
    });
    let line = server.line();
    let url = line.strip_prefix("echo server listening on ").expect("the listening line").to_string();
    let mut node = Command::new("node");
    node.env("NODE_PATH", &modules)
        .arg("tests/site/check_browser_example.js")
        .arg("examples/browser/index.html")
        .arg(&url);
    let out = finish(node);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("server: héllo ✓"),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    server.signal("TERM");
    assert!(server.wait().0.success());
}

/// What Defold documents `pprint(json.decode(...))` of its example to print.
const DEFOLD_JSON_DECODE_EXAMPLE: &str = "{
  persons = {
    1 = {
      name = John Doe,
    }
    2 = {
      name = Darth Vader,
    }
  }
}
{\"persons\":[{\"name\":\"John Doe\"},{\"name\":\"Darth Vader\"}]}
";

/// The runner as a Lua environment (tests/lua/runner/lua_environment.lua): C modules from
/// Debian's folders (lua-cjson, lua-lpeg, installed by scripts/test), a Lua and a C module from a
/// LuaRocks tree made by `luarocks make` from tests/rocks/greeting and found through `luarocks
/// path`, and Defold's json, pprint, timer and sys.get_config, whose documented json examples
/// print what Defold's documentation shows.
#[test]
fn the_runner_loads_c_modules_luarocks_trees_and_has_defolds_globals() {
    let work = std::env::temp_dir().join(format!("wslua-rocktree-{}", std::process::id()));
    let (source, tree) = (work.join("greeting"), work.join("tree"));
    std::fs::create_dir_all(&source).unwrap();
    for entry in std::fs::read_dir(repo().join("tests/rocks/greeting")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, source.join(path.file_name().unwrap())).unwrap();
    }
    let make = Command::new("luarocks")
        .args(["--lua-version", "5.4", "--tree"])
        .arg(&tree)
        .arg("make")
        .current_dir(&source)
        .output()
        .expect("luarocks is missing: scripts/test installs Debian's luarocks");
    assert!(make.status.success(), "luarocks make: {}", String::from_utf8_lossy(&make.stderr));
    let project = work.join("game.project");
    std::fs::write(&project, "[test]\ngreeting = hello\n").unwrap();
    let script = format!(
        "eval \"$(luarocks --lua-version 5.4 --tree '{}' path)\" && '{}' tests/lua/runner/lua_environment.lua --config '{}'",
        tree.display(),
        env!("CARGO_BIN_EXE_wslua"),
        project.display()
    );
    let mut run = Command::new("sh");
    run.args(["-c", &script]);
    let out = finish(run);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.ends_with("ok lua_environment\n"),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.starts_with(DEFOLD_JSON_DECODE_EXAMPLE), "not Defold's documented printout:\n{stdout}");
    std::fs::remove_dir_all(&work).unwrap();
}

/// A C module built for another Lua is refused with the system loader's message.
#[test]
fn a_c_module_for_another_lua_is_refused_with_the_loaders_message() {
    let multiarch = format!("{}-linux-gnu", std::env::consts::ARCH);
    let other = format!("/usr/lib/{multiarch}/lua/5.1/cjson.so");
    assert!(Path::new(&other).exists(), "{other} is missing: scripts/test installs Debian's lua-cjson");
    let dir = scratch("other-lua");
    let script = dir.join("other.lua");
    std::fs::write(
        &script,
        format!("package.cpath = '{}'\nprint(select(2, pcall(require, 'cjson')))\n", other.replace("cjson.so", "?.so")),
    )
    .unwrap();
    let mut command = runner();
    command.arg(&script);
    let out = finish(command);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains("error loading module 'cjson'") && stdout.contains("undefined symbol"), "{stdout}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// LUA_PATH_5_4 and LUA_CPATH_5_4 win over LUA_PATH and LUA_CPATH, and `;;` in them stands for
/// the default paths, as in the stock interpreter.
#[test]
fn the_runner_reads_module_paths_from_the_environment() {
    let dir = scratch("paths");
    std::fs::write(dir.join("from_5_4.lua"), "return '5.4'").unwrap();
    std::fs::write(
        dir.join("paths.lua"),
        "assert(require('from_5_4') == '5.4')\n\
         assert(package.path:find('/usr/share/lua/5.4/?.lua', 1, true), 'the default after ;;')\n\
         assert(package.cpath:sub(1, 9) == '/nowhere/', package.cpath)\n\
         print('ok paths')\n",
    )
    .unwrap();
    let mut command = runner();
    command
        .arg(dir.join("paths.lua"))
        .env("LUA_PATH", "/ignored/?.lua")
        .env("LUA_PATH_5_4", format!("{}/?.lua;;", dir.display()))
        .env("LUA_CPATH", "/nowhere/?.so;;")
        .env_remove("LUA_CPATH_5_4");
    let out = finish(command);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && stdout.contains("ok paths"), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// examples/json_chat_client.lua starts before its server: it backs off with `timer.delay`,
/// connects once a runner echo server is up, and exchanges JSON messages with its name from
/// game.project.
#[test]
fn the_json_chat_client_reconnects_and_talks_json() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let dir = scratch("chat");
    let project = dir.join("game.project");
    std::fs::write(&project, "[chat]\nname = ada\n").unwrap();
    let mut client = runner();
    client
        .arg("examples/json_chat_client.lua")
        .arg("--config")
        .arg(&project)
        .arg("--")
        .arg(format!("ws://127.0.0.1:{port}/"));
    let mut client = Running::start(client);
    let first = client.line();
    assert!(first.contains("trying again in"), "the client's first try: {first}");
    let mut server = Running::start({
        let mut c = runner();
        c.args(["examples/echo_server.lua", "--", &port.to_string()]);
        c
    });
    assert!(server.line().starts_with("echo server listening"));
    let (status, rest) = client.wait();
    assert!(status.success(), "{rest}");
    assert!(rest.contains("chat: connected as ada"), "{rest}");
    assert!(rest.contains("  from = ada,\n  n = 3,\n  text = again,\n"), "{rest}");
    server.signal("TERM");
    assert!(server.wait().0.success());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A Lua server (tests/lua/flow/NAME.lua with `args`) and a python flow client against it,
/// under `interpreter`; returns the server's last line and the client's JSON.
/// `project` is its game.project: the runner's --config, the working directory of a stock
/// interpreter (whose module reads ./game.project).
fn flow(interpreter: &str, name: &str, args: &[&str], client: &[&str], project: &str) -> (String, serde_json::Value) {
    let dir = scratch(&format!("flow-{name}-{interpreter}"));
    std::fs::write(dir.join("game.project"), project).unwrap();
    let script = repo().join(format!("tests/lua/flow/{name}.lua"));
    let mut command = if interpreter == "wslua" { runner() } else { stock(interpreter) };
    command.arg(&script).current_dir(&dir);
    if interpreter == "wslua" {
        command.arg("--config").arg(dir.join("game.project")).arg("--");
    }
    command.args(args);
    let mut server = Running::start(command);
    let port = server.line().strip_prefix("port ").expect("the port line").to_string();
    let mut peer = python_peer("flow_client.py");
    peer.arg(format!("ws://127.0.0.1:{port}/")).args(client);
    let out = finish(peer);
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.status.success(),
        "{interpreter} {name}: the client: {stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (status, rest) = server.wait();
    assert!(status.success(), "{interpreter} {name}: {rest}");
    std::fs::remove_dir_all(&dir).unwrap();
    (rest.trim_end().to_string(), serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("{stdout}: {e}")))
}

/// A peer that stops reading: send's return value and stats.buffered grow; when it reads again,
/// exactly one EVENT_DRAIN, with buffered 0; every message arrives, in order. Under the runner,
/// lua5.4 and luajit.
#[test]
fn a_queue_that_fills_drains_once_with_nothing_lost() {
    for interpreter in ["wslua", "lua5.4", "luajit"] {
        let (server, client) = flow(interpreter, "slow_reader_server", &["200"], &["slow", "200", "1.0"], "");
        assert_eq!(
            (client["received"].as_u64(), client["in_order"].as_bool()),
            (Some(200), Some(true)),
            "{interpreter}"
        );
        assert!(server.contains("growing true drains 1 after 0"), "{interpreter}: {server}");
    }
}

/// stats: rtt after a keepalive round and after ping, within 1 ms of the round trip a python
/// client measures on the same connection (the least of several on each side: a busy machine
/// delays single ones); counters exact after 10,000 messages each way.
#[test]
fn stats_measure_the_round_trip_and_count_exactly() {
    for interpreter in ["wslua", "lua5.4", "luajit"] {
        let (_, client) =
            flow(interpreter, "counting_server", &[], &["rtt", "10000"], "[websocket]\nping_interval = 0.2\n");
        let keepalive_rtt = client["keepalive_rtt"].as_str().unwrap();
        assert!(keepalive_rtt.parse::<f64>().is_ok(), "{interpreter}: no rtt after the keepalive: {client}");
        let (server_rtt, own_rtt) = (client["server_rtt"].as_f64().unwrap(), client["own_rtt"].as_f64().unwrap());
        assert!((server_rtt - own_rtt).abs() < 0.001, "{interpreter}: server {server_rtt} s, client {own_rtt} s");
        assert_eq!(client["echoed"], 10000, "{interpreter}");
        let counters = &client["counters"];
        // Besides the 10,000: "rtt?" six times, "ping-me" five times and "counters" in; six rtt
        // answers out.
        let sent_bytes = client["sent_bytes"].as_u64().unwrap();
        assert_eq!(counters["messages_received"], 10012, "{interpreter}: {counters}");
        assert_eq!(counters["messages_sent"], 10006, "{interpreter}: {counters}");
        assert_eq!(
            counters["bytes_received"].as_u64(),
            Some(sent_bytes + 6 * 4 + 5 * 7 + 8),
            "{interpreter}: {counters}"
        );
        let answers = keepalive_rtt.len() as u64 + client["server_answers"].as_u64().unwrap();
        assert_eq!(counters["bytes_sent"].as_u64(), Some(sent_bytes + answers), "{interpreter}: {counters}");
        assert_eq!(counters["buffered"], 0, "{interpreter}: {counters}");
    }
}

/// listen's `protocols` against python `websockets` and node `ws` clients offering {v1, v2},
/// {v3} and nothing, with the server preferring v2 then v1: v2, none, none on the server's side.
/// node ws refuses a server that picks none of the subprotocols it offered ("Server sent no
/// subprotocol"); python accepts it.
#[test]
fn the_server_picks_the_first_of_its_protocols_that_the_client_offers() {
    let mut server = Running::start({
        let mut c = runner();
        c.arg("tests/lua/runner/protocols_server.lua");
        c
    });
    let port = server.line().strip_prefix("port ").expect("the port line").to_string();
    let url = format!("ws://127.0.0.1:{port}/");
    for (offered, expected) in [(&["v1", "v2"][..], "v2"), (&["v3"][..], "none"), (&[][..], "none")] {
        let mut python = python_peer("offer.py");
        python.arg(&url).args(offered);
        let mut node = Command::new("node");
        node.env("NODE_PATH", repo().join("tests/peers/node_modules"))
            .arg("tests/peers/offer.js")
            .arg(&url)
            .args(offered);
        for (label, client) in [("python", python), ("node", node)] {
            let out = finish(client);
            let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
            if label == "node" && offered == ["v3"] {
                assert!(!out.status.success() && stderr.contains("Server sent no subprotocol"), "{stdout} {stderr}");
            } else {
                assert!(out.status.success(), "{label} {offered:?}: {stdout} {stderr}");
                let chosen: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
                let client_side = chosen["subprotocol"].as_str().unwrap_or("none");
                assert_eq!(client_side, expected, "{label} offering {offered:?}, client side");
            }
            assert_eq!(server.line(), format!("protocol {expected}"), "{label} offering {offered:?}, server side");
        }
    }
    server.signal("TERM");
    assert!(server.wait().0.success());
}

/// A new directory holding a test CA and a server certificate for `names`, made by the
/// example's script.
fn test_certificates(label: &str, names: &str) -> PathBuf {
    let dir = scratch(&format!("{label}-certs"));
    let mut certs = Command::new("sh");
    certs.arg("examples/make_test_certs.sh").arg(&dir).arg(names);
    let out = finish(certs);
    assert!(out.status.success(), "make_test_certs.sh (needs openssl): {}", String::from_utf8_lossy(&out.stderr));
    dir
}

/// A `wss://` runner server with certificates made by openssl here: python `websockets` and node
/// `ws` clients trusting the CA exchange 1,000 messages each way and close with a code and
/// reason; a client that does not trust it fails and the server serves on; wslua clients get in
/// with `tls.ca_file` or `tls.verify = false`, and with neither get an error naming the problem.
#[test]
fn a_wss_server_serves_clients_that_trust_its_ca() {
    let dir = test_certificates("wss", "DNS:localhost,IP:127.0.0.1,IP:::1");
    let (ca, certificate, key) = (dir.join("ca.pem"), dir.join("server.pem"), dir.join("server.key"));

    let mut server = Running::start({
        let mut c = runner();
        c.args(["tests/lua/runner/wss_echo_server.lua", "--"]).arg(&certificate).arg(&key);
        c
    });
    let port = server.line().strip_prefix("port ").expect("the port line").to_string();
    let url = format!("wss://127.0.0.1:{port}/");

    let mut untrusting = python_peer("many.py");
    untrusting.env_remove("SSL_CERT_FILE").env_remove("SSL_CERT_DIR").arg(&url).arg("1");
    let out = finish(untrusting);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && stderr.contains("CERTIFICATE_VERIFY_FAILED"), "{stderr}");

    let mut python = python_peer("many.py");
    python.env("SSL_CERT_FILE", &ca).arg(&url).arg("1000");
    let mut node = Command::new("node");
    node.env("NODE_PATH", repo().join("tests/peers/node_modules"))
        .env("NODE_EXTRA_CA_CERTS", &ca)
        .arg("tests/peers/many.js")
        .arg(&url)
        .arg("1000");
    for (label, client) in [("python", python), ("node", node)] {
        let out = finish(client);
        let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(out.status.success(), "{label}: {stdout} {stderr}");
        let result: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
        assert_eq!(result["echoes"], 1000, "{label}: {stdout}");
        assert_eq!(result["close"], serde_json::json!([4003, "many done"]), "{label}: {stdout}");
        assert_eq!(server.line(), "closed 4003 many done", "{label}, server side");
    }

    let mut clients = runner();
    clients.env_remove("SSL_CERT_FILE").env_remove("SSL_CERT_DIR");
    clients.args(["tests/lua/runner/wss_clients.lua", "--"]).arg(format!("wss://localhost:{port}/")).arg(&ca);
    let out = finish(clients);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(out.status.success(), "{stdout} {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(lines[..2], ["ca_file connected hello over tls", "verify=false connected hello over tls"]);
    assert!(lines[2].starts_with("neither error") && lines[2].contains("certificate verify failed"), "{stdout}");
    server.signal("TERM");
    assert!(server.wait().0.success());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Resident memory of a process, in KiB.
fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

fn open_fds(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd")).unwrap().count()
}

/// `listen`'s `accept` hook, seen by python `websockets`: each refusal arrives as an
/// `InvalidStatus` with the hook's status and body (or the defaults), an error in the hook
/// refuses with 500 and logs its traceback, a hook slower than `connection_timeout` gets 503;
/// 1,000 refusals in a row leave no descriptor and no memory behind, and take no place of
/// `max_connections`, which counts accepted connections only.
#[test]
fn the_accept_hook_admits_refuses_and_leaves_nothing_behind() {
    let dir = scratch("admission");
    let mut server = Running::start({
        let mut c = runner();
        c.arg("tests/lua/runner/admission_server.lua").stderr(std::fs::File::create(dir.join("stderr")).unwrap());
        c
    });
    let pid = server.child.id();
    let base = format!("ws://127.0.0.1:{}", server.line().strip_prefix("port ").expect("the port line"));
    let probe = |paths: &[&str]| -> Vec<serde_json::Value> {
        let mut python = python_peer("admission.py");
        python.arg(&base).arg("probe").args(paths);
        let out = finish(python);
        let stdout = String::from_utf8_lossy(&out.stdout).to_string();
        assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
        stdout.lines().map(|line| serde_json::from_str(line).unwrap()).collect()
    };
    let refusal = |status: u64, body: &str| serde_json::json!({ "status": status, "body": body });
    let results = probe(&["/deny", "/plain", "/error", "/bad-status", "/slow", "/ok"]);
    let expected = [
        ("/deny", refusal(401, "no token\n")),
        ("/plain", refusal(403, "Forbidden\n")),
        ("/error", refusal(500, "Internal Server Error\n")),
        ("/bad-status", refusal(500, "Internal Server Error\n")),
        ("/slow", refusal(503, "the server did not decide in time\n")),
        ("/ok", serde_json::json!({ "open": true })),
    ];
    for (result, (path, mut want)) in results.iter().zip(expected) {
        want["path"] = path.into();
        assert_eq!(*result, want);
    }
    assert_eq!(server.line(), "connected /ok", "only the accepted request reaches the callback");
    assert_eq!(server.line(), "disconnected /ok");

    // The one place taken: another accepted request finds the server full.
    let mut holder = Running::start({
        let mut python = python_peer("admission.py");
        python.arg(&base).args(["hold", "/ok"]);
        python
    });
    assert_eq!(holder.json()["open"], true);
    assert_eq!(server.line(), "connected /ok");
    assert_eq!(probe(&["/ok"])[0]["status"], 503, "max_connections is 1");

    let refuse = |n: &str| {
        let mut python = python_peer("admission.py");
        python.arg(&base).args(["refuse", n, "/deny"]);
        let out = finish(python);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(summary["statuses"], serde_json::json!([401]));
    };
    refuse("100");
    let (fds, rss) = (open_fds(pid), rss_kib(pid));
    refuse("1000");
    let deadline = Instant::now() + Duration::from_secs(10);
    while open_fds(pid) > fds && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(open_fds(pid), fds, "descriptors after 1,000 refusals");
    let grown = rss_kib(pid).saturating_sub(rss);
    assert!(grown < 1024, "RSS grew by {grown} KiB over 1,000 refusals");

    // Refusals took no place: when the holder leaves, the next accepted request gets in.
    drop(holder);
    assert_eq!(server.line(), "disconnected /ok");
    assert_eq!(probe(&["/ok"])[0]["open"], true);
    server.signal("TERM");
    assert!(server.wait().0.success());
    let stderr = std::fs::read_to_string(dir.join("stderr")).unwrap();
    assert!(stderr.contains("error in accept hook (refused with 500)"), "{stderr}");
    assert!(stderr.contains("hook failed on purpose") && stderr.contains("stack traceback"), "{stderr}");
    assert!(stderr.contains("bad return value #2 from 'accept' (must be from 400 to 599, got 200)"), "{stderr}");
}

/// Debian's tinyproxy on a free loopback port, allowing CONNECT to `ports`, with `auth`
/// ("user password") when given; its log is `dir/NAME.log`. Returns it and its port.
fn tinyproxy(dir: &Path, name: &str, ports: &[u16], auth: Option<&str>) -> (Running, u16) {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let template = std::fs::read_to_string(repo().join("tests/proxy/tinyproxy.conf")).unwrap();
    let connect_ports: Vec<String> = ports.iter().map(|p| format!("ConnectPort {p}")).collect();
    let config = template
        .replace("@PORT@", &port.to_string())
        .replace("@LOG@", &dir.join(format!("{name}.log")).display().to_string())
        .replace("@CONNECT_PORTS@", &connect_ports.join("\n"))
        .replace("@AUTH@", &auth.map(|a| format!("BasicAuth {a}")).unwrap_or_default());
    let path = dir.join(format!("{name}.conf"));
    std::fs::write(&path, config).unwrap();
    let mut command = Command::new("tinyproxy");
    command.arg("-d").arg("-c").arg(&path).stderr(Stdio::null());
    let proxy = match command.stdout(Stdio::null()).spawn() {
        Ok(child) => Running { child, lines: std::sync::mpsc::channel().1 },
        Err(e) => panic!("tinyproxy could not start ({e}): scripts/test installs it (apt-get install tinyproxy)"),
    };
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "tinyproxy did not listen on {port}");
        std::thread::sleep(Duration::from_millis(20));
    }
    (proxy, port)
}

/// tests/lua/runner/proxy_client.lua: one message to the echo server at `url` through `proxy`
/// ("off", "env" or a URL), with `env` as the only proxy variables; its one line of output.
fn through_proxy(url: &str, proxy: &str, ca: Option<&Path>, env: &[(&str, &str)]) -> String {
    let mut client = runner();
    for name in ["http_proxy", "https_proxy", "all_proxy", "no_proxy"] {
        client.env_remove(name).env_remove(name.to_ascii_uppercase());
    }
    client.envs(env.iter().copied()).args(["tests/lua/runner/proxy_client.lua", "--", url, proxy]).args(ca);
    let out = finish(client);
    let stdout = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    stdout
}

/// ws:// and wss:// through a real HTTP proxy (tinyproxy): given as `proxy`, or by `http_proxy`
/// / `https_proxy`, bypassed by `no_proxy`; with the Basic credentials a second proxy requires
/// (407 without them); and a CONNECT the proxy refuses (403), with its answer in
/// `handshake_response`.
#[test]
fn clients_tunnel_through_an_http_proxy_chosen_as_curl_does() {
    let dir = test_certificates("proxy", "DNS:localhost,IP:127.0.0.1");
    let mut ws_server = Running::start({
        let mut c = runner();
        c.args(["examples/echo_server.lua", "--", "0"]);
        c
    });
    let ws_port: u16 = ws_server.line().rsplit(':').next().unwrap().trim_end_matches('/').parse().unwrap();
    let mut wss_server = Running::start({
        let mut c = runner();
        c.args(["tests/lua/runner/wss_echo_server.lua", "--"]).arg(dir.join("server.pem")).arg(dir.join("server.key"));
        c
    });
    let wss_port: u16 = wss_server.line().strip_prefix("port ").expect("the port line").parse().unwrap();
    let (_open, open_port) = tinyproxy(&dir, "open", &[ws_port, wss_port], None);
    let (_auth, auth_port) = tinyproxy(&dir, "auth", &[ws_port, wss_port], Some("wslua s3cret"));
    let (ws, wss) = (format!("ws://127.0.0.1:{ws_port}/"), format!("wss://localhost:{wss_port}/"));
    let ca = dir.join("ca.pem");
    let open = format!("http://127.0.0.1:{open_port}");
    let with_credentials = format!("http://wslua:s3cret@127.0.0.1:{auth_port}");
    let echoed = "echo through the proxy";

    assert_eq!(through_proxy(&ws, &open, None, &[]), echoed, "ws, proxy given");
    assert_eq!(through_proxy(&wss, &open, Some(&ca), &[]), echoed, "wss, proxy given");
    assert_eq!(through_proxy(&ws, "env", None, &[("http_proxy", &open)]), echoed, "ws, http_proxy");
    assert_eq!(through_proxy(&wss, "env", Some(&ca), &[("HTTPS_PROXY", &open)]), echoed, "wss, HTTPS_PROXY");
    let log = std::fs::read_to_string(dir.join("open.log")).unwrap();
    for port in [ws_port, wss_port] {
        let connects = log.matches(&format!("CONNECT 127.0.0.1:{port} ")).count()
            + log.matches(&format!("CONNECT localhost:{port} ")).count();
        assert_eq!(connects, 2, "the proxy's log has both tunnels to {port}:\n{log}");
    }

    // The environment names a proxy that is not there: used unless no_proxy names the host.
    let nowhere = [("http_proxy", "http://127.0.0.1:1")];
    let failed = through_proxy(&ws, "env", None, &nowhere);
    assert!(failed.starts_with("error - proxy 127.0.0.1:1: cannot connect"), "{failed}");
    let bypassed = [nowhere[0], ("no_proxy", "example.org,127.0.0.1")];
    assert_eq!(through_proxy(&ws, "env", None, &bypassed), echoed, "no_proxy");
    assert_eq!(through_proxy(&ws, "off", None, &nowhere), echoed, "proxy = false");

    assert_eq!(through_proxy(&ws, &with_credentials, None, &[]), echoed, "ws, Basic credentials");
    assert_eq!(through_proxy(&wss, &with_credentials, Some(&ca), &[]), echoed, "wss, Basic credentials");
    let unauthorized = through_proxy(&ws, &format!("http://127.0.0.1:{auth_port}"), None, &[]);
    assert!(unauthorized.starts_with("error 407 proxy 127.0.0.1:"), "{unauthorized}");
    let forbidden = through_proxy("ws://127.0.0.1:1/", &open, None, &[]);
    assert!(
        forbidden.starts_with(&format!("error 403 proxy 127.0.0.1:{open_port} refused CONNECT 127.0.0.1:1")),
        "{forbidden}"
    );
}
