//! The generated LuaLS/EmmyLua stub, proven with a real checker (`emmylua_check`, installed by
//! scripts/test): the examples and Lua scenarios check clean, and each deliberately wrong script
//! of `tests/stubs/bad/` is flagged with the expected diagnostic on the line it marks with
//! `--! CODE`.

mod common;

use common::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn emmylua_check() -> PathBuf {
    let installed = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")))
        .map(|home| home.join("bin/emmylua_check"));
    match installed.filter(|path| path.exists()) {
        Some(path) => path,
        None => PathBuf::from("emmylua_check"),
    }
}

/// Runs the checker with the generated stub (and the runner's globals) as libraries; returns
/// (file name, 1-based line, code) of every error and warning.
fn diagnostics(targets: &[&str]) -> BTreeSet<(String, u64, String)> {
    let dir = std::env::temp_dir().join(format!(
        "wslua-stubs-{}-{}",
        std::process::id(),
        targets.join("-").replace('/', "_")
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let config = serde_json::json!({
        "workspace": { "library": [repo().join("generated/lua"), repo().join("generated/lua-runner")] },
        "runtime": { "version": "LuaJIT" },
    });
    std::fs::write(dir.join("emmyrc.json"), config.to_string()).unwrap();
    let output = dir.join("out.json");
    // Its "Check finished" chatter is not shown; the report is the JSON file.
    let run = Command::new(emmylua_check())
        .current_dir(repo())
        .arg("-c")
        .arg(dir.join("emmyrc.json"))
        .args(["--output-format", "json", "--output"])
        .arg(&output)
        .args(targets)
        .output()
        .unwrap_or_else(|e| {
            panic!("emmylua_check could not run ({e}): scripts/test installs it with `cargo install emmylua_check`")
        });
    let report: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&output).unwrap()).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let mut found = BTreeSet::new();
    for file in report.as_array().unwrap() {
        let name = Path::new(file["file"].as_str().unwrap()).file_name().unwrap().to_string_lossy().to_string();
        for d in file["diagnostics"].as_array().unwrap() {
            // LSP severities: 1 error, 2 warning, 3 information, 4 hint.
            if d["severity"].as_u64().unwrap() <= 2 {
                found.insert((
                    name.clone(),
                    d["range"]["start"]["line"].as_u64().unwrap() + 1,
                    d["code"].as_str().unwrap().to_string(),
                ));
            }
        }
    }
    assert!(
        run.status.success() || !found.is_empty(),
        "emmylua_check failed without a diagnostic: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    found
}

#[test]
fn examples_and_scenarios_check_clean_against_the_stub() {
    let found = diagnostics(&["examples", "tests/lua"]);
    assert!(found.is_empty(), "errors or warnings: {found:#?}");
}

#[test]
fn each_wrong_script_is_flagged_where_it_says() {
    let mut expected = BTreeSet::new();
    let dir = repo().join("tests/stubs/bad");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let marks: Vec<_> = text
            .lines()
            .enumerate()
            .filter_map(|(i, line)| {
                line.split_once("--! ").map(|(_, code)| (name.clone(), i as u64 + 1, code.trim().to_string()))
            })
            .collect();
        assert_eq!(marks.len(), 1, "{name} marks one line with --! CODE");
        expected.extend(marks);
    }
    assert!(expected.len() >= 12);
    assert_eq!(diagnostics(&["tests/stubs/bad"]), expected);
}
