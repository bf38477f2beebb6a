//! Every file under `generated/`, rendered in memory, so writing and checking share one list.

use crate::render::site::Doc;
use crate::{render, Model};

/// (path relative to `generated/`, contents)
pub fn all(model: &Model, docs: &[Doc]) -> Result<Vec<(String, String)>, String> {
    let name = &model.module.name;
    let mut outputs = vec![
        ("glue.rs".into(), render::glue::render(model)?),
        (format!("lua/{name}.lua"), render::stub::render(model)?),
        (format!("defold/{name}.script_api"), render::script_api::render(model)?),
    ];
    outputs.extend(render::site::render(model, docs)?.into_iter().map(|(path, text)| (format!("site/{path}"), text)));
    Ok(outputs)
}
