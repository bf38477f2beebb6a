//! The LuaLS / EmmyLua `---@meta` stub, `generated/lua/<module>.lua`.

use crate::model::Model;
use minijinja::context;

const TEMPLATE: &str = include_str!("../../templates/stub.lua.jinja");

pub fn render(model: &Model) -> Result<String, String> {
    super::render_template("stub.lua.jinja", TEMPLATE, context! { ..super::value(model) })
}
