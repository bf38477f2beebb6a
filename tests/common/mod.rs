//! Shared by the root test suites: the workspace's test support, and the programs under test
//! (the runner, and stock interpreters loading the module scripts/test builds).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
pub use wslua_test_support::*;

/// The `wslua` runner of this build.
pub fn runner() -> Command {
    Command::new(env!("CARGO_BIN_EXE_wslua"))
}

/// The interpreters every Lua scenario runs under: the runner, and stock `lua5.4` and `luajit`
/// with the loadable module.
pub const INTERPRETERS: [&str; 3] = ["wslua", "lua5.4", "luajit"];

/// `interpreter` of [`INTERPRETERS`], ready to run a script.
pub fn interpreter(name: &str) -> Command {
    match name {
        "wslua" => runner(),
        stock_name => stock(stock_name),
    }
}

/// `lua5.4` or `luajit` set up to `require "websocket"` from the module scripts/test builds.
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
    command
        .env("LUA_CPATH", format!("{}/?.so;;", dir.display()))
        .env("LUA_CPATH_5_4", format!("{}/?.so;;", dir.display()));
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
