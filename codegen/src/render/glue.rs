//! The Rust/mlua binding glue, `include!`d by the host crate.

use crate::model::Model;
use minijinja::context;

const TEMPLATE: &str = include_str!("../../templates/glue.rs.jinja");
const SUPPORT: &str = include_str!("../../templates/glue_support.rs");

pub fn render(model: &Model) -> Result<String, String> {
    let mut env = super::environment();
    env.add_template("glue.rs.jinja", TEMPLATE).map_err(|e| e.to_string())?;
    let template = env.get_template("glue.rs.jinja").map_err(|e| e.to_string())?;
    template
        .render(context! { support => SUPPORT, ..minijinja::Value::from(minijinja::value::Serde(model)) })
        .map_err(|e| format!("rendering the glue: {e:#}"))
}
