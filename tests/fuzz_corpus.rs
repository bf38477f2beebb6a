//! The fuzz targets' corpora (fuzz/corpus/TARGET.bin, kept minimised by scripts/fuzz) and every
//! input a fuzzer found a fault with (fuzz/regressions/TARGET/), replayed through the same code
//! on the stable toolchain: what once crashed stays fixed, and the corpora keep covering what
//! they covered. The coverage-guided runs themselves are scripts/fuzz's (cargo fuzz, nightly).

mod common;

use common::*;
use std::path::Path;

/// Every file of `dir`, in name order (none when it does not exist).
fn inputs(dir: &Path) -> Vec<Vec<u8>> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    paths.into_iter().map(|path| std::fs::read(&path).unwrap()).collect()
}

/// The inputs of a packed corpus: each a 4-byte little-endian length and its bytes
/// (scripts/lib/corpus.py).
fn packed(path: &Path) -> Vec<Vec<u8>> {
    let blob = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e} (scripts/fuzz writes it)", path.display()));
    let mut inputs = Vec::new();
    let mut rest = blob.as_slice();
    while let Some((size, after)) = rest.split_first_chunk::<4>() {
        let size = u32::from_le_bytes(*size) as usize;
        inputs.push(after[..size].to_vec());
        rest = &after[size..];
    }
    inputs
}

fn replay(target: &str, run: impl Fn(&[u8])) -> usize {
    let fuzz = repo().join("fuzz");
    let corpus = packed(&fuzz.join("corpus").join(format!("{target}.bin")));
    let found = inputs(&fuzz.join("regressions").join(target));
    assert!(!corpus.is_empty(), "fuzz/corpus/{target}.bin is empty: scripts/fuzz fills it");
    for input in corpus.iter().chain(&found) {
        run(input);
    }
    corpus.len() + found.len()
}

#[test]
fn the_fuzz_corpora_and_findings_replay_cleanly() {
    let mut counts = Vec::new();
    for target in wslua_runtime::fuzzing::TARGETS {
        counts.push((target.to_string(), replay(target, |input| wslua_runtime::fuzzing::run(target, input))));
    }
    let project = replay("game_project", |input| {
        if let Ok(text) = std::str::from_utf8(input) {
            let _ = wslua::project::Project::parse(text);
        }
    });
    counts.push(("game_project".into(), project));
    eprintln!("replayed: {counts:?}");
}
