//! The Rust/mlua binding glue, `include!`d by the host crate.

use crate::model::Model;
use minijinja::context;

const TEMPLATE: &str = include_str!("../../templates/glue.rs.jinja");
const SUPPORT: &str = include_str!("../../templates/glue_support.rs");

pub fn render(model: &Model) -> Result<String, String> {
    let context = context! { support => SUPPORT, ..super::value(model) };
    super::render_template("glue.rs.jinja", TEMPLATE, context)
}
