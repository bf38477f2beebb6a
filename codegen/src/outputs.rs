//! Every file under `generated/`, rendered in memory, so writing and checking share one list.

use crate::render::site::Doc;
use crate::{render, Model};
use std::io::Write;
use std::process::{Command, Stdio};

/// The workspace's rustfmt settings, which the readable copy of the glue is formatted with.
const RUSTFMT_TOML: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../rustfmt.toml");

/// (path relative to `generated/`, contents). `model` is the `websocket` module; `runner` the
/// runner's globals, which get glue and stubs of their own (`lua-runner/`, apart, since a stock
/// interpreter has none of them) and pages in the site, but no `.script_api`: Defold has its own.
pub fn all(model: &Model, runner: &[Model], docs: &[Doc]) -> Result<Vec<(String, String)>, String> {
    let name = &model.module.name;
    let mut outputs = vec![
        ("glue.rs".into(), rustfmt(&render::glue::render(model)?)?),
        (format!("lua/{name}.lua"), render::stub::render(model)?),
        (format!("defold/{name}.script_api"), render::script_api::render(model)?),
    ];
    for module in runner {
        let name = &module.module.name;
        outputs.push((format!("runner/{name}.rs"), rustfmt(&render::glue::render(module)?)?));
        outputs.push((format!("lua-runner/{name}.lua"), render::stub::render(module)?));
    }
    let site = render::site::render(model, runner, docs)?;
    outputs.extend(site.into_iter().map(|(path, text)| (format!("site/{path}"), text)));
    Ok(outputs)
}

/// `code` as `cargo fmt` would lay it out. Only the committed copy is formatted: the glue that
/// `build.rs` compiles is the same code, and rendering it needs no rustfmt.
fn rustfmt(code: &str) -> Result<String, String> {
    let mut child = Command::new("rustfmt")
        .args(["--edition", "2021", "--config-path", RUSTFMT_TOML])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("running rustfmt ({e}): install it with `rustup component add rustfmt`"))?;
    let mut stdin = child.stdin.take().ok_or("rustfmt has no stdin")?;
    let input = code.to_string();
    // Written from another thread: rustfmt may fill its stdout before it has read everything.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().map_err(|e| format!("rustfmt: {e}"))?;
    let _ = writer.join();
    if !output.status.success() {
        return Err(format!("rustfmt rejected the glue:\n{}", String::from_utf8_lossy(&output.stderr)));
    }
    String::from_utf8(output.stdout).map_err(|e| format!("rustfmt: {e}"))
}
