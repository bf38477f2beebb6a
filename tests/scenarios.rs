//! Every Lua scenario of `tests/lua/` runs by being there: each `NAME.lua` of that folder runs
//! under the runner and under stock `lua5.4` and `luajit` with the module, and must exit 0 after
//! printing `ok NAME`. A line `-- stderr: TEXT` in a scenario names text its stderr must hold (a
//! traceback it provokes, say). Scripts that need a peer, a config or the runner's own globals
//! live in the subfolders, run by the suites that set those up.

mod common;

use common::*;
use libtest_mimic::{Arguments, Failed, Trial};

fn main() {
    let arguments = Arguments::from_args();
    let dir = repo().join("tests/lua");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_name()?.to_str()?.strip_suffix(".lua")?.to_string();
            path.is_file().then_some(name)
        })
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no scenario in {}", dir.display());
    let trials = names
        .iter()
        .flat_map(|name| {
            INTERPRETERS.map(|interpreter| {
                let name = name.clone();
                Trial::test(format!("{name}::{interpreter}"), move || scenario(&name, interpreter))
            })
        })
        .collect();
    libtest_mimic::run(&arguments, trials).exit();
}

fn scenario(name: &str, under: &str) -> Result<(), Failed> {
    let script = format!("tests/lua/{name}.lua");
    let text = std::fs::read_to_string(repo().join(&script)).map_err(|e| format!("{script}: {e}"))?;
    let mut command = interpreter(under);
    command.arg(&script);
    let out = finish(command);
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    let told = || format!("{name} under {under}: {}\nstdout:\n{stdout}\nstderr:\n{stderr}", out.status);
    if !out.status.success() || !stdout.contains(&format!("ok {name}")) {
        return Err(told().into());
    }
    if let Some(missing) = text.lines().filter_map(|l| l.strip_prefix("-- stderr: ")).find(|t| !stderr.contains(t)) {
        return Err(format!("no '{missing}' on stderr: {}", told()).into());
    }
    Ok(())
}
