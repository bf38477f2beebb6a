//! `wslua SCRIPT.lua [--config FILE] [-- ARGS]`: runs a Lua 5.4 script with the `websocket`
//! module and Defold's globals, in the Defold script lifecycle when the script defines `init`.

use clap::Parser;
use std::path::PathBuf;
use std::process::ExitCode;
use wslua::runner::{self, Options};

#[derive(Parser)]
#[command(version, about = "Run a Lua script with the websocket module (Defold's extension-websocket API)")]
struct Cli {
    /// The Lua script to run.
    script: PathBuf,
    /// A game.project file with a [websocket] section (default: ./game.project if it exists).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Arguments for the script, in its global `arg` table.
    #[arg(last = true)]
    args: Vec<String>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match runner::run(&Options { script: cli.script, config: cli.config, args: cli.args }) {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("wslua: {message}");
            ExitCode::FAILURE
        }
    }
}
