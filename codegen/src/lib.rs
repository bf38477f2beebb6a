//! wslua-codegen: `api.yaml` → schema (serde) → validate → model → render.
//!
//! The host crate's `build.rs` calls [`load`] and [`render::glue::render`]; the `wslua-codegen`
//! binary writes the committed outputs under `generated/` and checks them with `--check`.

pub mod model;
pub mod outputs;
pub mod render;
pub mod schema;
pub mod validate;

pub use model::Model;

/// Parses and validates the text of an api file. `file` names it in errors, which are one per line:
/// `FILE:LINE:COL: message` for YAML errors, `FILE: yaml.path: message` for semantic ones.
pub fn load_str(file: &str, text: &str) -> Result<Model, String> {
    let api = schema::parse(file, text)?;
    validate::check(&api).map_err(|errors| {
        errors.iter().map(|e| format!("{file}: {e}")).collect::<Vec<_>>().join("\n")
    })?;
    Ok(model::build(&api))
}

/// Reads, parses and validates an api file.
pub fn load(path: &std::path::Path) -> Result<Model, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    load_str(&path.display().to_string(), &text)
}
