//! Every file under `generated/`, rendered in memory, so writing and checking share one list.

use crate::{render, Model};

/// (path relative to `generated/`, contents)
pub fn all(model: &Model) -> Result<Vec<(String, String)>, String> {
    let name = &model.module.name;
    Ok(vec![
        ("glue.rs".into(), render::glue::render(model)?),
        (format!("lua/{name}.lua"), render::stub::render(model)?),
        (format!("defold/{name}.script_api"), render::script_api::render(model)?),
    ])
}
