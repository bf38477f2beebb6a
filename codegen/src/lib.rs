//! wslua-codegen: `api.yaml` → schema (serde) → validate → model → render.
//!
//! The host crate's `build.rs` calls [`load`] and [`render::glue::render`]; the `wslua-codegen`
//! binary writes the committed outputs under `generated/` and checks them with `--check`.

mod lua;
pub mod model;
#[cfg(feature = "site")]
pub mod outputs;
pub mod render;
pub mod schema;
pub mod types;
pub mod validate;

pub use model::Model;

/// Parses and validates the text of an api file. `file` names it in errors, which are one per line:
/// `FILE:LINE:COL: message` for YAML errors, `FILE: yaml.path: message` for semantic ones.
pub fn load_str(file: &str, text: &str) -> Result<Model, String> {
    let api = schema::parse(file, text)?;
    validate::check(&api)
        .map_err(|errors| errors.iter().map(|e| format!("{file}: {e}")).collect::<Vec<_>>().join("\n"))?;
    Ok(model::build(file_name(file), &api))
}

/// The last part of a path, which is what a generated file says it comes from.
fn file_name(file: &str) -> &str {
    file.rsplit(['/', '\\']).next().unwrap_or(file)
}

/// Reads, parses and validates an api file.
pub fn load(path: &std::path::Path) -> Result<Model, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    load_str(&path.display().to_string(), &text)
}

/// Parses and validates a file of several modules, one YAML document each (`runner.yaml`).
/// Errors name the module: `FILE: json: yaml.path: message`.
pub fn load_modules_str(file: &str, text: &str) -> Result<Vec<Model>, String> {
    let mut models = Vec::new();
    for api in schema::parse_all(file, text)? {
        let name = api.module.name.clone();
        validate::check(&api)
            .map_err(|errors| errors.iter().map(|e| format!("{file}: {name}: {e}")).collect::<Vec<_>>().join("\n"))?;
        models.push(model::build(file_name(file), &api));
    }
    Ok(models)
}

/// Reads, parses and validates a file of several modules.
pub fn load_modules(path: &std::path::Path) -> Result<Vec<Model>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    load_modules_str(&path.display().to_string(), &text)
}

#[cfg(feature = "site")]
/// The manual: the pages `docs/README.md` links to, in its order. A page it does not list is an
/// error, so nothing is left out of the site silently.
pub fn load_docs(dir: &std::path::Path) -> Result<Vec<render::site::Doc>, String> {
    let read = |name: &str| {
        let path = dir.join(name);
        std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
    };
    let targets = |text: &str| -> Vec<String> {
        text.split("](").skip(1).filter_map(|rest| rest.split_once(')')).map(|(target, _)| target.to_string()).collect()
    };
    let mut docs = Vec::new();
    for target in targets(&read("README.md")?) {
        if let Some(name) = target.strip_suffix(".md") {
            let text = read(&target)?;
            // The figures a page shows (SVG, which is text) are published beside it.
            let mut images = Vec::new();
            for path in targets(&text).into_iter().filter(|t| t.ends_with(".svg") && !t.contains("://")) {
                let image = read(&path)?;
                images.push((path, image));
            }
            docs.push(render::site::Doc { name: name.to_string(), text, images });
        }
    }
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let name = entry.map_err(|e| e.to_string())?.file_name().to_string_lossy().to_string();
        let listed = docs.iter().any(|d| format!("{}.md", d.name) == name);
        if name.ends_with(".md") && name != "README.md" && !listed {
            return Err(format!("{}: {name} is not listed in README.md", dir.display()));
        }
    }
    Ok(docs)
}
