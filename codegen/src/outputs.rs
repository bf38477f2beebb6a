//! Every file under `generated/`, rendered in memory, so writing and checking share one list.

use crate::{render, Model};

/// (path relative to `generated/`, contents)
pub fn all(model: &Model) -> Result<Vec<(String, String)>, String> {
    Ok(vec![("glue.rs".into(), render::glue::render(model)?)])
}
