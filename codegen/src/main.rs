//! `wslua-codegen`: writes `generated/` from `api.yaml`, or with `--check` fails when the committed
//! files differ from what `api.yaml` and the templates produce.

use clap::Parser;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const REFRESH: &str = "cargo run -p wslua-codegen";

/// Paths default to the workspace this binary was built in, so it works from any directory.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    /// Compare instead of writing; exit 1 naming each stale file.
    #[arg(long)]
    check: bool,
    /// The API description.
    #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/../api.yaml"))]
    api: PathBuf,
    /// The runner's globals, one module per YAML document.
    #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/../runner.yaml"))]
    runner: PathBuf,
    /// The manual, rendered into the site.
    #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs"))]
    docs: PathBuf,
    /// Where the generated files live.
    #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/../generated"))]
    out: PathBuf,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: &Cli) -> Result<(), String> {
    let model = wslua_codegen::load(&cli.api)?;
    let runner = wslua_codegen::load_modules(&cli.runner)?;
    let docs = wslua_codegen::load_docs(&cli.docs)?;
    let outputs = wslua_codegen::outputs::all(&model, &runner, &docs)?;
    let mut stale = Vec::new();
    for (name, text) in &outputs {
        let path = cli.out.join(name);
        if cli.check {
            if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
                stale.push(format!("  generated/{name}"));
            }
        } else {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            }
            std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    if cli.check {
        stale.extend(
            unexpected(&cli.out, &outputs)
                .into_iter()
                .map(|name| format!("  generated/{name} (not generated any more)")),
        );
    }
    if stale.is_empty() {
        Ok(())
    } else {
        Err(format!("generated/ is stale; run `{REFRESH}` and commit the result:\n{}", stale.join("\n")))
    }
}

/// Files under `dir` that no output produces.
fn unexpected(dir: &Path, outputs: &[(String, String)]) -> Vec<String> {
    let mut found = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(at) = todo.pop() {
        for entry in std::fs::read_dir(&at).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
            } else if let Ok(rel) = path.strip_prefix(dir) {
                let rel = rel.to_string_lossy().replace('\\', "/");
                if !outputs.iter().any(|(name, _)| *name == rel) {
                    found.push(rel);
                }
            }
        }
    }
    found.sort();
    found
}
