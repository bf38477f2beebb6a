//! The LuaLS / EmmyLua names of the model's types, for the `---@meta` stub and the reference
//! site.

use crate::model::{Member, Model};
use crate::types::{Literal, Type};
use minijinja::value::Serde;
use minijinja::Environment;

/// `lua_type` (a member's LuaLS type), `lua_literal` (a value as Lua source) and `lua_default`
/// (a member's default as Lua source: a constant by its qualified name).
pub fn add_filters(env: &mut Environment<'static>, model: &Model) {
    let module = model.module.name.clone();
    env.add_filter("lua_type", move |m: Serde<Member>| lua_type(&module, &m.ty));
    env.add_filter("lua_literal", |v: Serde<Literal>| lua_literal(&v));
    let module = model.module.name.clone();
    env.add_filter("lua_default", move |m: Serde<Member>| lua_default(&module, &m));
}

fn lua_default(module: &str, member: &Member) -> String {
    match (&member.default, &member.ty) {
        (Some(Literal::String(name)), Type::Constant { .. }) => format!("{module}.{name}"),
        (Some(value), _) => lua_literal(value),
        (None, _) => String::new(),
    }
}

fn lua_type(module: &str, ty: &Type) -> String {
    match ty {
        Type::String | Type::Bytes => "string".into(),
        Type::Integer => "integer".into(),
        Type::Number => "number".into(),
        Type::Boolean => "boolean".into(),
        Type::Any => "any".into(),
        Type::Map => "table<string, string>".into(),
        Type::Handle(name) | Type::Table(name) | Type::Callback(name) | Type::Constant { group: name, .. } => {
            format!("{module}.{name}")
        }
        Type::Array(element) => format!("{}[]", lua_type(module, element)),
        Type::Union(first, second) => format!("{}|{}", lua_type(module, first), lua_type(module, second)),
    }
}

/// Strings quoted as Lua reads them: printable ASCII as is, other bytes as `\ddd`.
fn lua_literal(value: &Literal) -> String {
    let s = match value {
        Literal::String(s) => s,
        // A light userdata has no literal; a stub can only say the value exists.
        Literal::Null => return "nil".into(),
        other => return other.to_string(),
    };
    let mut quoted = String::from("\"");
    for byte in s.bytes() {
        match byte {
            b'"' | b'\\' => quoted.extend(['\\', char::from(byte)]),
            b' '..=b'~' => quoted.push(char::from(byte)),
            _ => quoted.push_str(&format!("\\{byte:03}")),
        }
    }
    quoted.push('"');
    quoted
}
