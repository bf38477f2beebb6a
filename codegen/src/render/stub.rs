//! The LuaLS / EmmyLua `---@meta` stub, `generated/lua/<module>.lua`.

use crate::model::Model;
use minijinja::context;

const TEMPLATE: &str = include_str!("../../templates/stub.lua.jinja");

pub fn render(model: &Model) -> Result<String, String> {
    let mut env = super::environment();
    super::lua_types::add_filters(&mut env, model);
    super::render_template(env, "stub.lua.jinja", TEMPLATE, context! { ..super::value(model) })
}
