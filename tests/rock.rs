//! The rock, as a LuaRocks user installs it.

mod common;

use common::*;
use std::process::Command;

/// The rock: `luarocks make` into a new tree for each interpreter, Lua 5.1 to 5.4 as LuaRocks
/// finds them and LuaJIT named with `LUA=` (the build follows the interpreter, not the tree's
/// version), then the module example runs under that interpreter from that tree alone, with the
/// paths `luarocks path` gives.
#[test]
fn luarocks_make_installs_a_module_each_interpreter_loads() {
    let luajit: &[&str] = &["LUA=/usr/bin/luajit", "LUA_INCDIR=/usr/include/luajit-2.1"];
    for (version, interpreter, variables) in [
        ("5.1", "lua5.1", &[][..]),
        ("5.2", "lua5.2", &[]),
        ("5.3", "lua5.3", &[]),
        ("5.4", "lua5.4", &[]),
        ("5.1", "luajit", luajit),
    ] {
        let tree = scratch(&format!("rock-{interpreter}"));
        let mut make = Command::new("luarocks");
        make.args(["--lua-version", version, "--tree"]).arg(&tree).arg("make").args(variables);
        let out = finish(make);
        let said = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "luarocks --lua-version {version} make {variables:?}: {said}");
        let stub = tree.join(format!("lib/luarocks/rocks-{version}/wslua/dev-1/generated/lua/websocket.lua"));
        assert!(stub.exists(), "the LuaLS stub is not in the rock: {}", stub.display());
        let script = format!(
            "eval \"$(luarocks --lua-version {version} --tree '{}' path)\" && {interpreter} examples/module_echo.lua /nonexistent",
            tree.display()
        );
        let mut run = Command::new("sh");
        run.args(["-c", &script]);
        for name in ["LUA_CPATH", "LUA_CPATH_5_2", "LUA_CPATH_5_3", "LUA_CPATH_5_4"] {
            run.env_remove(name);
        }
        let out = finish(run);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && stdout.contains("echo: message 3") && stdout.contains("done"),
            "{interpreter} with the rock: {stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        std::fs::remove_dir_all(&tree).unwrap();
    }
}
