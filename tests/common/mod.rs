//! Shared by the root test suites: the workspace's test support, and the programs under test
//! (the runner, and stock interpreters loading the module scripts/test builds).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
pub use wslua_test_support::*;

/// The `wslua` runner of this build: the default one, on LuaJIT.
pub fn runner() -> Command {
    Command::new(env!("CARGO_BIN_EXE_wslua"))
}

/// The runner built on Lua 5.4 (`--features runner-lua54`), which scripts/test builds with
/// scripts/build-runner.sh.
pub fn runner_lua54() -> Command {
    let dir = std::env::var_os("WSLUA_RUNNER_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("target/runners"))
        .join("lua54");
    assert!(
        dir.join("wslua").exists(),
        "{}/wslua is missing: run scripts/build-runner.sh lua54 {} (scripts/test does)",
        dir.display(),
        dir.display()
    );
    Command::new(dir.join("wslua"))
}

/// The interpreters every Lua scenario runs under: the runner on each of its VMs, and every
/// stock interpreter the loadable module is built for.
pub const INTERPRETERS: [&str; 7] = ["wslua", "wslua-lua54", "lua5.1", "lua5.2", "lua5.3", "lua5.4", "luajit"];

/// `interpreter` of [`INTERPRETERS`], ready to run a script.
pub fn interpreter(name: &str) -> Command {
    match name {
        "wslua" => runner(),
        "wslua-lua54" => runner_lua54(),
        stock_name => stock(stock_name),
    }
}

/// `lua5.1` to `lua5.4` or `luajit` set up to `require "websocket"` from the module scripts/test
/// builds for it.
pub fn stock(interpreter: &str) -> Command {
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
    for name in ["LUA_CPATH", "LUA_CPATH_5_2", "LUA_CPATH_5_3", "LUA_CPATH_5_4"] {
        command.env(name, format!("{}/?.so;;", dir.display()));
    }
    command
}

/// examples/echo.lua under the runner, configured by a `dir/game.project` holding `text`.
pub fn echo_with_project(dir: &Path, text: &str) -> Output {
    let project = dir.join("game.project");
    std::fs::write(&project, text).unwrap();
    let mut command = runner();
    command.arg("examples/echo.lua").arg("--config").arg(&project);
    finish(command)
}

/// Debian's tinyproxy on a free loopback port, allowing CONNECT to `ports`, with `auth`
/// ("user password") when given; its log is `dir/NAME.log`. Returns it and its port.
pub fn tinyproxy(dir: &Path, name: &str, ports: &[u16], auth: Option<&str>) -> (Running, u16) {
    let port = free_port();
    let template = std::fs::read_to_string(repo().join("tests/proxy/tinyproxy.conf")).unwrap();
    let connect_ports: Vec<String> = ports.iter().map(|p| format!("ConnectPort {p}")).collect();
    let config = template
        .replace("@PORT@", &port.to_string())
        .replace("@LOG@", &dir.join(format!("{name}.log")).display().to_string())
        .replace("@CONNECT_PORTS@", &connect_ports.join("\n"))
        .replace("@AUTH@", &auth.map(|a| format!("BasicAuth {a}")).unwrap_or_default());
    let path = dir.join(format!("{name}.conf"));
    std::fs::write(&path, config).unwrap();
    // Debian's tinyproxy, which scripts/test installs.
    let mut command = Command::new("tinyproxy");
    command.arg("-d").arg("-c").arg(&path).stderr(Stdio::null());
    let proxy = Running::start(command);
    wait_for_port(port, "tinyproxy");
    (proxy, port)
}
