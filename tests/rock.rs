//! The rock, as a LuaRocks user installs it.

mod common;

use common::*;
use std::process::Command;

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
