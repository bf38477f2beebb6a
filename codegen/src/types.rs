//! The API's types, free of any output language: what a parameter, field or config key holds,
//! and which way its value travels. Validation and the model share them; each renderer maps
//! them to its own names.

use crate::schema::{Api, Field, TypeKind};
use serde::{Deserialize, Serialize};

/// The built-in type names a field may use besides the `types:` entries.
pub const PRIMITIVES: &[&str] = &["string", "bytes", "integer", "number", "boolean", "any", "map"];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Type {
    /// Text (UTF-8).
    String,
    /// Any bytes (a Lua string).
    Bytes,
    Integer,
    Number,
    Boolean,
    /// Any value, passed through.
    Any,
    /// String keys to string values.
    Map,
    /// A `types:` entry of kind `handle`, by name.
    Handle(String),
    /// A `types:` entry of kind `table`, by name.
    Table(String),
    /// A `types:` entry of kind `function` (a callback signature), by name.
    Callback(String),
    /// One of the values of a constant group; `integer` tells the group's own type.
    Constant {
        group: String,
        integer: bool,
    },
    /// A Lua sequence of values of a type: `connection[]` in api.yaml.
    Array(Box<Type>),
    /// A value of either type, told apart by its Lua type: `string|map` in api.yaml.
    Union(Box<Type>, Box<Type>),
}

impl Type {
    /// The Lua type of its values (`type(v)`), `None` for `any` and unions.
    pub fn lua_kind(&self) -> Option<&'static str> {
        Some(match self {
            Type::String | Type::Bytes | Type::Constant { integer: false, .. } => "string",
            Type::Integer | Type::Number | Type::Constant { integer: true, .. } => "number",
            Type::Boolean => "boolean",
            Type::Map | Type::Table(_) | Type::Array(_) => "table",
            Type::Handle(_) => "userdata",
            Type::Callback(_) => "function",
            Type::Any | Type::Union(..) => return None,
        })
    }
}

/// What the members of a constant group are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConstantKind {
    Integer,
    String,
    /// A unique value compared by identity, `null` in api.yaml (Defold's `json.null`).
    Lightuserdata,
}

impl ConstantKind {
    pub fn of(ty: &str) -> Option<ConstantKind> {
        match ty {
            "integer" => Some(ConstantKind::Integer),
            "string" => Some(ConstantKind::String),
            "lightuserdata" => Some(ConstantKind::Lightuserdata),
            _ => None,
        }
    }
}

/// Which way a value travels between Lua and the host.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Read from Lua: function parameters and the fields of the tables they name.
    In,
    /// Written to Lua: return values, callback parameters and the tables they name.
    Out,
    /// Read from the config file.
    Config,
}

/// A literal of `api.yaml` (a default or a constant's value); the member's type tells a
/// constant's name from a string.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Literal {
    /// `null`: the value of a light userdata constant (a NULL pointer, like Defold's `json.null`).
    Null,
    Boolean(bool),
    Integer(i64),
    Number(f64),
    String(String),
}

impl Literal {
    pub fn from_yaml(value: &serde_yaml::Value) -> Option<Literal> {
        match value {
            serde_yaml::Value::Null => Some(Literal::Null),
            serde_yaml::Value::Bool(b) => Some(Literal::Boolean(*b)),
            serde_yaml::Value::Number(n) => n.as_i64().map(Literal::Integer).or(n.as_f64().map(Literal::Number)),
            serde_yaml::Value::String(s) => Some(Literal::String(s.clone())),
            _ => None,
        }
    }
}

impl std::fmt::Display for Literal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Literal::Null => f.write_str("null"),
            Literal::Boolean(b) => write!(f, "{b}"),
            Literal::Integer(i) => write!(f, "{i}"),
            Literal::Number(n) => write!(f, "{n}"),
            Literal::String(s) => f.write_str(s),
        }
    }
}

/// The type `field` names, or the key of the field that names none (`type` or `constants`)
/// and why, with a did-you-mean where one fits.
pub fn resolve(api: &Api, field: &Field) -> Result<Type, (&'static str, String)> {
    let named = named(api, &field.ty).map_err(|message| ("type", message))?;
    let Some(group_name) = &field.constants else { return Ok(named) };
    let Some(group) = api.constants.iter().find(|g| &g.group == group_name) else {
        let hint = suggest(group_name, api.constants.iter().map(|g| g.group.as_str()));
        return Err(("constants", format!("unknown constant group '{group_name}'{hint}")));
    };
    if group.ty != field.ty {
        let message = format!("group '{group_name}' holds {} constants but the field is '{}'", group.ty, field.ty);
        return Err(("constants", message));
    }
    Ok(Type::Constant { group: group_name.clone(), integer: group.ty == "integer" })
}

/// The type a name stands for: a primitive, a `types:` entry, `T[]`, a sequence of `T`, or
/// `A|B`, either of two types that Lua tells apart.
fn named(api: &Api, name: &str) -> Result<Type, String> {
    if let Some((first, second)) = name.split_once('|') {
        let (first, second) = (named(api, first.trim())?, named(api, second.trim())?);
        return match (first.lua_kind(), second.lua_kind()) {
            (Some(a), Some(b)) if a != b => Ok(Type::Union(Box::new(first), Box::new(second))),
            _ => Err(format!("the types of '{name}' must be two that Lua tells apart (a string and a table, say)")),
        };
    }
    if let Some(element) = name.strip_suffix("[]") {
        return Ok(Type::Array(Box::new(named(api, element)?)));
    }
    if let Some(def) = api.types.iter().find(|t| t.name == name) {
        return Ok(match def.kind {
            TypeKind::Handle => Type::Handle(def.name.clone()),
            TypeKind::Table => Type::Table(def.name.clone()),
            TypeKind::Function => Type::Callback(def.name.clone()),
        });
    }
    Ok(match name {
        "string" => Type::String,
        "bytes" => Type::Bytes,
        "integer" => Type::Integer,
        "number" => Type::Number,
        "boolean" => Type::Boolean,
        "any" => Type::Any,
        "map" => Type::Map,
        other => {
            let names = PRIMITIVES.iter().copied().chain(api.types.iter().map(|t| t.name.as_str()));
            return Err(format!("unknown type '{other}'{}", suggest(other, names)));
        }
    })
}

/// Which way the values of the table type `name` travel: in when a function parameter names
/// it, directly or through the fields of other tables; out otherwise.
pub fn table_direction(api: &Api, name: &str) -> Direction {
    let mut todo: Vec<&str> = api.functions.iter().flat_map(|f| f.params.iter().map(|p| p.ty.as_str())).collect();
    let mut seen = Vec::new();
    while let Some(ty) = todo.pop() {
        if let Some((first, second)) = ty.split_once('|') {
            todo.extend([first.trim(), second.trim()]);
            continue;
        }
        let ty = ty.strip_suffix("[]").unwrap_or(ty);
        if ty == name {
            return Direction::In;
        }
        if !seen.contains(&ty) {
            seen.push(ty);
            if let Some(def) = api.types.iter().find(|t| t.name == ty) {
                todo.extend(def.fields.iter().map(|f| f.ty.as_str()));
            }
        }
    }
    Direction::Out
}

/// " (did you mean 'x'?)" for the closest candidate within a small edit distance, else "".
pub fn suggest<'n>(name: &str, candidates: impl Iterator<Item = &'n str>) -> String {
    let best = candidates
        .map(|c| (strsim::levenshtein(&name.to_lowercase(), &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d);
    match best {
        Some((_, c)) => format!(" (did you mean '{c}'?)"),
        None => String::new(),
    }
}
