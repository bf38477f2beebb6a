//! The runner as a program: the Defold lifecycle (sys.exit, SIGINT and SIGTERM run `finalize`),
//! the reference manual's example, an idle runner's CPU, script errors with their traceback, help
//! and version, the debug log, game.project's mistakes, and the Lua environment (module paths, C
//! modules, LuaRocks trees, Defold's globals).

mod common;

use common::*;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

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

/// A connection task that panics (the engine's test-only fault injection) still ends its
/// connection with EVENT_DISCONNECTED 1011 and the panic logged, and `websocket.run()` returns.
#[test]
fn a_connection_task_that_panics_ends_with_1011_and_run_returns() {
    let mut command = runner();
    command.arg("tests/lua/runner/task_panic.lua");
    let out = finish(command);
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{stdout}\n{stderr}");
    let server = "server 1011 internal error: the connection's task ended unexpectedly";
    assert!(stdout.contains(server) && stdout.contains("client 1006"), "{stdout}");
    assert!(stdout.ends_with("run returned\n"), "{stdout}");
    assert!(stderr.contains("an engine task panicked: injected"), "{stderr}");
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

#[test]
fn an_idle_runner_with_an_open_connection_uses_almost_no_cpu() {
    const WINDOW: Duration = Duration::from_secs(10);
    let mut running = Running::start({
        let mut c = runner();
        c.arg("tests/lua/runner/idle_connection.lua");
        c
    });
    assert_eq!(running.line(), "idle");
    let pid = running.pid();
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
        assert!(!stderr.contains("[C]: in ?"), "the message handler's frame: {stderr}");
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

/// The arguments after the script are its `arg`, as `lua` gives them; after `--`, even those
/// that look like options.
#[test]
fn the_scripts_arguments_follow_it_as_with_lua() {
    let dir = scratch("arguments");
    let script = dir.join("args.lua");
    std::fs::write(&script, "print(#arg, arg[1], arg[2], arg[0] ~= nil)\n").unwrap();
    for (args, expected) in [
        (&["a", "b"][..], "2\ta\tb\ttrue"),
        (&["8765"][..], "1\t8765\tnil\ttrue"),
        (&["--", "--config", "x"][..], "2\t--config\tx\ttrue"),
        (&[][..], "0\tnil\tnil\ttrue"),
    ] {
        let mut command = runner();
        command.arg(&script).args(args);
        let out = finish(command);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(stdout.trim_end(), expected, "{args:?}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_runner_has_help_and_version() {
    let mut help = runner();
    help.arg("--help");
    let out = finish(help);
    assert!(out.status.success() && String::from_utf8_lossy(&out.stdout).contains("--config <FILE>"));
    // Each build names its VM: LuaJIT by default, Lua 5.4 with `runner-lua54`.
    for (mut version, vm) in [(runner(), "LuaJIT 2.1."), (runner_lua54(), "Lua 5.4")] {
        version.arg("--version");
        let out = finish(version);
        let printed = String::from_utf8_lossy(&out.stdout);
        let expected = format!("wslua {} ({vm}", env!("CARGO_PKG_VERSION"));
        assert!(out.status.success() && printed.starts_with(&expected), "{printed:?} is not {expected}…");
    }
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
        .args(["--lua-version", "5.1", "--tree"])
        .arg(&tree)
        .arg("make")
        .current_dir(&source)
        .output()
        .expect("luarocks is missing: scripts/test installs Debian's luarocks");
    assert!(make.status.success(), "luarocks make: {}", String::from_utf8_lossy(&make.stderr));
    let project = work.join("game.project");
    std::fs::write(&project, "[test]\ngreeting = hello\n").unwrap();
    let script = format!(
        "eval \"$(luarocks --lua-version 5.1 --tree '{}' path)\" && '{}' tests/lua/runner/lua_environment.lua --config '{}'",
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

/// A C module built for another Lua (5.4's, in the LuaJIT runner) is refused with the system
/// loader's message.
#[test]
fn a_c_module_for_another_lua_is_refused_with_the_loaders_message() {
    let multiarch = format!("{}-linux-gnu", std::env::consts::ARCH);
    let other = format!("/usr/lib/{multiarch}/lua/5.4/cjson.so");
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

/// The runners read their module paths from the environment as the stock interpreter of their
/// VM does: `;;` stands for the default paths; LuaJIT's reads LUA_PATH and LUA_CPATH, Lua 5.4's
/// lets LUA_PATH_5_4 and LUA_CPATH_5_4 win over them.
#[test]
fn the_runner_reads_module_paths_from_the_environment() {
    let dir = scratch("paths");
    std::fs::write(dir.join("from_env.lua"), "return 'found'").unwrap();
    for (mut command, version) in [(runner(), "5.1"), (runner_lua54(), "5.4")] {
        std::fs::write(
            dir.join("paths.lua"),
            format!(
                "assert(require('from_env') == 'found')\n\
                 assert(package.path:find('/usr/share/lua/{version}/?.lua', 1, true), 'the default after ;;')\n\
                 assert(package.cpath:sub(1, 9) == '/nowhere/', package.cpath)\n\
                 print('ok paths')\n"
            ),
        )
        .unwrap();
        let found = format!("{}/?.lua;;", dir.display());
        command.arg(dir.join("paths.lua")).env("LUA_CPATH", "/nowhere/?.so;;").env_remove("LUA_CPATH_5_4");
        if version == "5.4" {
            command.env("LUA_PATH", "/ignored/?.lua").env("LUA_PATH_5_4", found);
        } else {
            command.env("LUA_PATH", found).env_remove("LUA_PATH_5_4");
        }
        let out = finish(command);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && stdout.contains("ok paths"),
            "Lua {version}: {stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Defold's built-ins besides http (tests/lua/runner/defold_builtins.lua) under both VMs: sys's
/// typed settings, save files round-tripping and refusing corrupted ones, the system's
/// description, crypt's test vectors, zlib, timer.trigger/get_info, json's whole numbers,
/// LuaSocket as `socket`, and without LuaSocket the clock stand-in.
#[test]
fn defolds_builtins_work_under_both_vms() {
    let dir = scratch("builtins");
    let project = dir.join("game.project");
    std::fs::write(&project, "[test]\ncount = 42\nratio = 0.5\nword = hello\n").unwrap();
    for (name, make) in [("LuaJIT", runner as fn() -> Command), ("Lua 5.4", runner_lua54)] {
        let mut with_luasocket = make();
        with_luasocket
            .arg("tests/lua/runner/defold_builtins.lua")
            .arg("--config")
            .arg(&project)
            .env("XDG_DATA_HOME", dir.join("data"))
            .env("LANG", "pt_BR.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES");
        let mut without = make();
        without.args(["tests/lua/runner/defold_builtins.lua", "no-luasocket"]);
        for name in ["LUA_PATH", "LUA_CPATH", "LUA_PATH_5_4", "LUA_CPATH_5_4"] {
            without.env(name, "/nowhere/?");
        }
        for (command, expected) in
            [(with_luasocket, "ok defold_builtins\n"), (without, "ok defold_builtins no-luasocket\n")]
        {
            let out = finish(command);
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(
                out.status.success() && stdout.ends_with(expected),
                "{name}: {stdout}\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The Lua 5.4 build's `bit` gives LuaJIT's own results (tests/lua/runner/bit_ops.lua: every
/// function over inputs at BitOp's edges, fractions and numbers past 32 bits), and the LuaJIT
/// build's `bit` is LuaJIT's.
#[test]
fn the_lua54_bit_module_matches_luajits() {
    let output = |mut command: Command| {
        command.arg("tests/lua/runner/bit_ops.lua");
        let out = finish(command);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    // Debian's luajit, which scripts/test installs.
    let luajit = output(Command::new("luajit"));
    assert!(luajit.lines().count() > 20, "{luajit}");
    assert_eq!(output(runner_lua54()), luajit, "the Lua 5.4 build's bit");
    assert_eq!(output(runner()), luajit, "the LuaJIT build's bit");
}
