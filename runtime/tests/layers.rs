//! The engine is layered bottom-up, in folders that are its layers: each module uses only
//! modules below it, so there is no import cycle and the façade (`runtime`) sits on top. Read
//! from the sources, so a new `use` that points up fails here with the module and the line.

/// Bottom to top: a module may use those before it. A folder's `mod.rs` is named by the folder
/// and comes after the files in it.
const ORDER: &[&str] = &[
    "config",
    "error",
    "protocol/headers",
    "protocol/handshake",
    "protocol/response",
    "protocol/close",
    "protocol/compressor",
    "protocol/deflate",
    "protocol/frames/head",
    "protocol/frames/readahead",
    "protocol/frames/deflate_stream",
    "protocol/frames",
    "protocol",
    "core/lock",
    "core/executor",
    "core/event",
    "core/signal",
    "core/queue",
    "core/link",
    "core/trim",
    "core/registry/backpressure",
    "core/registry/entry",
    "core/registry/admission",
    "core/registry/channels",
    "core/registry",
    "core/guard",
    "core",
    "transport/tcp",
    "transport/tls",
    "transport/proxy",
    "transport/http",
    "transport",
    "connection",
    "client",
    "server",
    "broker",
    "fetch",
    "runtime",
    "fuzzing",
];

use std::path::{Path, PathBuf};

/// Every module of `dir` as its path from src/ without `.rs` (`mod.rs` as its folder).
fn modules(src: &Path, dir: &Path, found: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            modules(src, &path, found);
            continue;
        }
        let relative = path.strip_prefix(src).unwrap().with_extension("");
        let name = relative.to_str().unwrap().replace('\\', "/");
        match name.strip_suffix("/mod") {
            Some(folder) => found.push(folder.to_string()),
            None if name != "lib" => found.push(name),
            None => {}
        }
    }
}

fn file_of(src: &Path, module: &str) -> PathBuf {
    let file = src.join(format!("{module}.rs"));
    if file.exists() {
        file
    } else {
        src.join(module).join("mod.rs")
    }
}

/// The module of ORDER that `crate::a::b::c...` names: the longest one it starts with.
fn named(path: &[&str]) -> Option<usize> {
    (1..=path.len()).rev().find_map(|n| ORDER.iter().position(|m| *m == path[..n].join("/")))
}

#[test]
fn every_module_uses_only_modules_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    modules(&src, &src, &mut found);
    found.sort();
    let mut listed: Vec<String> = ORDER.iter().map(|m| m.to_string()).collect();
    listed.sort();
    assert_eq!(found, listed, "every module of src/ has its place in ORDER");
    let mut wrong = Vec::new();
    for (level, module) in ORDER.iter().enumerate() {
        let text = std::fs::read_to_string(file_of(&src, module)).unwrap();
        // The code, not its tests or its docs.
        let code = text.split("#[cfg(test)]").next().unwrap();
        for (n, line) in code.lines().enumerate().filter(|(_, l)| !l.trim_start().starts_with("//")) {
            let at = format!("src/{module}:{}", n + 1);
            if line.contains("super::") {
                wrong.push(format!("{at}: uses super::, where crate:: paths say which layer"));
            }
            for rest in line.split("crate::").skip(1) {
                let path: Vec<&str> = rest
                    .split(|c: char| !c.is_alphanumeric() && c != '_' && c != ':')
                    .next()
                    .unwrap()
                    .split("::")
                    .filter(|part| !part.is_empty())
                    .collect();
                match named(&path) {
                    Some(used) if used < level => {}
                    Some(used) => wrong.push(format!("{at}: uses crate::{}, which is not below it", ORDER[used])),
                    // Items re-exported at the crate root are named by their module here.
                    None => wrong.push(format!("{at}: uses crate::{} instead of its module", path.join("::"))),
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn an_upward_use_is_caught() {
    // The check itself: a module named by the longest path it starts with.
    assert_eq!(named(&["core", "registry", "entry", "Entry"]), ORDER.iter().position(|m| *m == "core/registry/entry"));
    assert_eq!(named(&["core", "registry", "Registry"]), ORDER.iter().position(|m| *m == "core/registry"));
    assert_eq!(named(&["Runtime"]), None);
}
