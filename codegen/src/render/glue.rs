//! The Rust/mlua binding glue, `include!`d by the host crate. The filters here are the Rust
//! oracle: they map the model's types and literals to Rust types and expressions.

use crate::model::{Member, Model};
use crate::types::{ConstantKind, Direction, Literal, Type};
use minijinja::value::Serde;
use minijinja::{context, Environment};

const TEMPLATE: &str = include_str!("../../templates/glue.rs.jinja");

pub fn render(model: &Model) -> Result<String, String> {
    let context = context! { ..super::value(model) };
    let mut env = super::environment();
    add_filters(&mut env);
    super::render_template(env, "glue.rs.jinja", TEMPLATE, context)
}

fn add_filters(env: &mut Environment<'static>) {
    env.add_filter("camel", |name: String| camel(&name));
    env.add_filter("rust_ident", |name: String| rust_ident(&name));
    env.add_filter("rust_type", |m: Serde<Member>| rust_type(&m));
    env.add_filter("field_type", |m: Serde<Member>| field_type(&m));
    // A Lua value the host holds is lent to a callback, not cloned: it is pushed from where it
    // is, with no reference of its own to make and drop.
    env.add_filter("lent_type", |m: Serde<Member>| match held_in_lua(&m) {
        true => format!("&{}", rust_type(&m)),
        false => rust_type(&m),
    });
    env.add_filter("read", |m: Serde<Member>| read(&m));
    env.add_filter("read_arg", |m: Serde<Member>| read_arg(&m));
    env.add_filter("write", |m: Serde<Member>| write(&m));
    env.add_filter("is_table", |m: Serde<Member>| matches!(m.ty, Type::Table(_)));
    env.add_filter("parse", |m: Serde<Member>| parse(&m));
    env.add_filter("rust_default", |m: Serde<Member>| {
        m.default.as_ref().map_or("Default::default()".into(), |d| rust_literal(d, &m.ty))
    });
    env.add_filter("rust_return", |returns: Serde<Option<Member>>| {
        format!("mlua::Result<{}>", returns.as_ref().map_or("()".into(), rust_type))
    });
    env.add_filter("constant_type", |kind: Serde<ConstantKind>| match *kind {
        ConstantKind::Integer => "i64",
        ConstantKind::String => "&str",
        ConstantKind::Lightuserdata => "mlua::LightUserData",
    });
    env.add_filter("constant_value", |v: Serde<Literal>| rust_literal(&v, &Type::Any));
}

/// The Rust type of a value of `ty`, present. A handle read from Lua is the handle struct;
/// written to Lua it is the host's userdata, so a connection keeps one identity. A table's
/// field written to Lua is a Rust value: the table is written with C API calls alone (`Push`).
fn base_type(ty: &Type, direction: Direction, in_table: bool) -> String {
    match ty {
        Type::Bytes if direction == Direction::Out && in_table => "bytes::Bytes".into(),
        Type::Handle(name) if direction == Direction::In => camel(name),
        Type::Handle(_) => "mlua::AnyUserData".into(),
        Type::Table(name) => camel(name),
        Type::Callback(_) => "mlua::Function".into(),
        Type::String | Type::Constant { integer: false, .. } => "String".into(),
        // Handed to Lua, a Lua string the host makes from its own buffer: no copy before Lua's.
        Type::Bytes if direction == Direction::Out => "mlua::LuaString".into(),
        Type::Bytes => "Vec<u8>".into(),
        Type::Integer | Type::Constant { integer: true, .. } => "i64".into(),
        Type::Number => "f64".into(),
        Type::Boolean => "bool".into(),
        Type::Any => "mlua::Value".into(),
        Type::Map => "Vec<(String, String)>".into(),
        Type::Array(element) => format!("Vec<{}>", base_type(element, direction, in_table)),
        Type::Union(first, second) => format!(
            "__wslua::Either<{}, {}>",
            base_type(first, direction, in_table),
            base_type(second, direction, in_table)
        ),
    }
}

/// A member that is a value living in Lua (a handle, a function, a Lua string, any value),
/// which Rust holds as one of mlua's references.
fn held_in_lua(m: &Member) -> bool {
    rust_type(m).starts_with("mlua::")
}

/// A member's type in generated structs and signatures: optional values are `Option`s, except
/// those read from Lua with a default (and tables that default to a table of defaults).
fn rust_type(m: &Member) -> String {
    typed(m, false)
}

/// A table's field's type in its struct.
fn field_type(m: &Member) -> String {
    typed(m, true)
}

fn typed(m: &Member, in_table: bool) -> String {
    if m.variadic {
        return "mlua::MultiValue".into();
    }
    let base = base_type(&m.ty, m.direction, in_table);
    let defaulted = m.default.is_some() || m.defaults_whole;
    match m.direction {
        Direction::Out if !m.always => format!("Option<{base}>"),
        Direction::In if m.optional && !defaulted => format!("Option<{base}>"),
        _ => base,
    }
}

/// The generated function that reads a value of `ty` from Lua.
fn reader(ty: &Type) -> String {
    match ty {
        Type::Handle(name) | Type::Table(name) => format!("{}::read", camel(name)),
        Type::Callback(_) => "__wslua::read_function".into(),
        Type::Constant { group, integer: true } => format!("__wslua_read_{group}"),
        Type::String | Type::Constant { integer: false, .. } => "__wslua::read_string".into(),
        Type::Bytes => "__wslua::read_bytes".into(),
        Type::Integer => "__wslua::read_integer".into(),
        Type::Number => "__wslua::read_number".into(),
        Type::Boolean => "__wslua::read_boolean".into(),
        Type::Any => "__wslua::read_any".into(),
        Type::Map => "__wslua::read_map".into(),
        Type::Array(element) => {
            format!("|value, at: &__wslua::At| __wslua::read_array(value, at, {})", reader(element))
        }
        // Validation makes sure both kinds are known and differ.
        Type::Union(first, second) => format!(
            "|value, at: &__wslua::At| __wslua::read_either(value, at, [{:?}, {:?}], {}, {})",
            first.lua_kind().unwrap_or_default(),
            second.lua_kind().unwrap_or_default(),
            reader(first),
            reader(second)
        ),
    }
}

/// The arguments of `__wslua::in_range` after the value: the member's bounds, or `None` when it
/// has none.
fn bounds(m: &Member) -> Option<String> {
    if m.min.is_none() && m.max.is_none() {
        return None;
    }
    let bound = |b: &Option<Literal>| b.as_ref().map_or("None".into(), |b| format!("Some({})", rust_literal(b, &m.ty)));
    Some(format!("{}, {}", bound(&m.min), bound(&m.max)))
}

/// An expression reading a member from `value` (an `mlua::Value`) at argument position `at`.
fn read(m: &Member) -> String {
    let call = |reader: &str| match reader.starts_with('|') {
        // A closure is called in parentheses.
        true => format!("({reader})(value, &at)?"),
        false => format!("{reader}(value, &at)?"),
    };
    read_with(m, call, |reader| format!("__wslua::optional(value, &at, {reader})?"))
}

/// An expression reading a parameter from `arg` (an `__wslua::Arg`, the argument on Lua's
/// stack) at argument position `at`: straight off the stack where its type has a reader there.
fn read_arg(m: &Member) -> String {
    let on_stack = match &m.ty {
        Type::Bytes => "__wslua::bytes_on_stack".into(),
        Type::String => "__wslua::string_on_stack".into(),
        Type::Handle(name) => format!("__wslua::handle_on_stack::<{}>", camel(name)),
        Type::Table(name) => format!("__wslua::table_on_stack::<{}>", camel(name)),
        _ => "__wslua::not_on_stack".into(),
    };
    read_with(
        m,
        |reader| format!("arg.read(&at, {on_stack}, {reader})?"),
        |reader| format!("arg.optional(&at, {on_stack}, {reader})?"),
    )
}

/// A member read by `required(reader)`, or by `optional(reader)` and its default applied, where
/// `reader` is the function that reads its type within its bounds.
fn read_with(m: &Member, required: impl Fn(&str) -> String, optional: impl Fn(&str) -> String) -> String {
    let reader = match bounds(m) {
        // A closure that captures nothing, so it is a `fn` like the plain readers.
        Some(bounds) => format!(
            "|value, at: &__wslua::At| {}(value, at).and_then(|v| __wslua::in_range(v, {bounds}).map_err(|e| at.error(e)))",
            reader(&m.ty)
        ),
        None => reader(&m.ty),
    };
    if !m.optional {
        return required(&reader);
    }
    let optional = optional(&reader);
    match &m.default {
        Some(default) => format!("{optional}.unwrap_or({})", rust_literal(default, &m.ty)),
        // An omitted table means a table of defaults.
        None if m.defaults_whole => format!("{optional}.unwrap_or_default()"),
        None => optional,
    }
}

/// An expression turning a returned `v` (of the member's Rust type) into a Lua value: `nil` for
/// an optional one that is `None`.
fn write(m: &Member) -> String {
    let present = match &m.ty {
        Type::Table(_) | Type::Map => "__wslua::to_table(lua, &v)?".to_string(),
        // A sequence of tables, each built from its struct.
        Type::Array(item) if matches!(**item, Type::Table(_) | Type::Map) => {
            "lua.create_sequence_from(v.iter().map(|item| __wslua::to_table(lua, item)).collect::<mlua::Result<Vec<_>>>()?)?"
                .to_string()
        }
        Type::Array(_) => "lua.create_sequence_from(v)?".to_string(),
        _ => return "v".into(),
    };
    if m.optional {
        format!("match v {{ Some(v) => mlua::Value::Table({present}), None => mlua::Value::Nil }}")
    } else {
        present
    }
}

/// An expression parsing a config key from `text` (a `&str`).
fn parse(m: &Member) -> String {
    let name = match m.ty {
        Type::Integer => "integer",
        Type::Number => "number",
        Type::Boolean => "boolean",
        _ => "string",
    };
    match bounds(m) {
        Some(bounds) => format!("__wslua::parse_{name}(text).and_then(|v| __wslua::in_range(v, {bounds}))"),
        None => format!("__wslua::parse_{name}(text)"),
    }
}

/// A literal as a Rust expression of the member's type; a constant's name is its Rust constant.
fn rust_literal(value: &Literal, ty: &Type) -> String {
    match (value, ty) {
        (Literal::String(s), Type::String) => format!("{s:?}.to_string()"),
        (Literal::String(s), Type::Bytes) => format!("{s:?}.as_bytes().to_vec()"),
        (Literal::String(constant), Type::Constant { .. }) => constant.clone(),
        (Literal::String(s), _) => format!("{s:?}"),
        (Literal::Integer(n), Type::Number) => format!("{:?}", *n as f64),
        (Literal::Number(n), _) => format!("{n:?}"),
        (Literal::Null, _) => "mlua::LightUserData(std::ptr::null_mut())".into(),
        (other, _) => other.to_string(),
    }
}

pub fn camel(name: &str) -> String {
    name.split('_')
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
        })
        .collect()
}

fn rust_ident(name: &str) -> String {
    const KEYWORDS: &[&str] = &[
        "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for", "if", "impl",
        "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "static", "struct", "trait",
        "true", "type", "unsafe", "use", "where", "while", "async", "await", "dyn", "box", "yield", "macro",
    ];
    if name == "self" {
        "self_".into()
    } else if KEYWORDS.contains(&name) {
        format!("r#{name}")
    } else {
        name.into()
    }
}
