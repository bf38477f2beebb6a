//! What templates see: the API with every name resolved, every default applied and every Rust or
//! Lua type name computed, so that templates only lay text out.

use crate::schema::{self, Api, Field, TypeKind};
use serde::Serialize;
use serde_yaml::Value;

#[derive(Debug, Serialize)]
pub struct Model {
    pub module: Module,
    pub groups: Vec<Group>,
    pub handles: Vec<Handle>,
    pub tables: Vec<Table>,
    pub callbacks: Vec<Callback>,
    pub functions: Vec<Function>,
    pub config: Option<Config>,
}

#[derive(Debug, Serialize)]
pub struct Module {
    pub name: String,
    pub summary: String,
    pub description: String,
    /// The Rust trait the host implements, e.g. `WebsocketApi`.
    pub trait_name: String,
}

#[derive(Debug, Serialize)]
pub struct Group {
    pub name: String,
    pub description: String,
    pub rust_type: String,
    /// The LuaLS alias naming the group, e.g. `websocket.event`.
    pub lua_name: String,
    /// The generated function that reads a value of the group from Lua (integer groups only).
    pub rust_reader: String,
    /// What a wrong value is told it should be: `websocket.A or websocket.B`.
    pub expected: String,
    pub members: Vec<Constant>,
}

#[derive(Debug, Serialize)]
pub struct Constant {
    pub name: String,
    /// The value as a literal, the same in Rust and Lua (`0`, `"text"`).
    pub value: String,
    pub description: String,
    pub extension: bool,
}

#[derive(Debug, Serialize)]
pub struct Handle {
    pub name: String,
    pub rust_name: String,
    pub lua_name: String,
    pub description: String,
}

#[derive(Debug, Serialize)]
pub struct Table {
    pub name: String,
    pub rust_name: String,
    pub lua_name: String,
    pub description: String,
    /// Read from Lua (a parameter names it): gets `read` and `Default`.
    pub input: bool,
    /// Written to Lua: gets `into_lua_table`.
    pub output: bool,
    pub fields: Vec<Member>,
}

#[derive(Debug, Serialize)]
pub struct Callback {
    pub name: String,
    pub lua_name: String,
    /// The generated function that calls a Lua function of this type, e.g. `call_callback`.
    pub rust_fn: String,
    pub description: String,
    pub params: Vec<Member>,
}

#[derive(Debug, Serialize)]
pub struct Function {
    pub name: String,
    pub description: String,
    pub extension: bool,
    pub params: Vec<Member>,
    pub returns: Option<Member>,
    /// What the trait method returns, e.g. `mlua::Result<i64>`.
    pub rust_return: String,
    pub examples: Vec<Example>,
}

#[derive(Debug, Serialize)]
pub struct Example {
    pub description: String,
    pub code: String,
}

#[derive(Debug, Serialize)]
pub struct Config {
    pub section: String,
    pub description: String,
    pub rust_name: String,
    pub keys: Vec<Member>,
}

/// A parameter, field, return value or config key.
#[derive(Debug, Serialize)]
pub struct Member {
    pub name: String,
    /// `name`, or `r#name` where `name` is a Rust keyword.
    pub rust_name: String,
    pub description: String,
    /// The type as `api.yaml` names it.
    pub ty: String,
    /// The LuaLS type, e.g. `integer`, `websocket.connect_params`.
    pub lua_type: String,
    /// The item its type refers to (a named type, or the constant group of its values), for
    /// links in the reference.
    pub type_link: Option<String>,
    /// The Lua side may leave it out (nil); for callback data: even on the events it is on.
    pub optional: bool,
    /// Present in every value written to Lua.
    pub always: bool,
    /// The default as the docs show it (`3000`, `DATA_TYPE_BINARY`).
    pub default: Option<String>,
    pub unit: Option<String>,
    /// The constant group of the valid values.
    pub constants: Option<String>,
    /// The events that carry it, for callback data; empty means all.
    pub events: Vec<String>,
    /// Unit, default and events as a parenthetical for one-line docs (` (milliseconds; default
    /// `3000`)`), or empty.
    pub notes: String,
    pub extension: bool,
    /// Its Rust type in generated structs and signatures.
    pub rust_type: String,
    /// A Rust expression reading it from `value` (an `mlua::Value`) at argument position `at`.
    pub read: String,
    /// A Rust expression turning `v` (of the non-optional Rust type) into a Lua value.
    pub write: String,
    /// For config keys: a Rust expression parsing `text` (a `&str`).
    pub parse: String,
    /// A Rust expression for the default value.
    pub rust_default: Option<String>,
}

pub fn build(api: &Api) -> Model {
    let b = Builder { api };
    Model {
        module: Module {
            name: api.module.name.clone(),
            summary: api.module.summary.clone(),
            description: api.module.description.clone(),
            trait_name: format!("{}Api", camel(&api.module.name)),
        },
        groups: api.constants.iter().map(|g| b.group(g)).collect(),
        handles: b
            .kind(TypeKind::Handle)
            .map(|t| Handle {
                name: t.name.clone(),
                rust_name: camel(&t.name),
                lua_name: b.lua_name(&t.name),
                description: t.description.clone(),
            })
            .collect(),
        tables: b.kind(TypeKind::Table).map(|t| b.table(t)).collect(),
        callbacks: b
            .kind(TypeKind::Function)
            .map(|t| Callback {
                name: t.name.clone(),
                lua_name: b.lua_name(&t.name),
                rust_fn: format!("call_{}", t.name),
                description: t.description.clone(),
                params: b.members(&t.params, Role::Output),
            })
            .collect(),
        functions: api.functions.iter().map(|f| b.function(f)).collect(),
        config: api.config.as_ref().map(|c| Config {
            section: c.section.clone(),
            description: c.description.clone(),
            rust_name: format!("{}Config", camel(&c.section)),
            keys: b.members(&c.keys, Role::Config),
        }),
    }
}

/// Which way a member's value travels decides its Rust type.
#[derive(Clone, Copy, PartialEq)]
pub enum Role {
    /// Read from Lua: function parameters and fields of the tables they name.
    Input,
    /// Written to Lua: return values, callback parameters and callback data.
    Output,
    /// A key of the game.project section.
    Config,
}

struct Builder<'a> {
    api: &'a Api,
}

impl Builder<'_> {
    fn kind(&self, kind: TypeKind) -> impl Iterator<Item = &schema::TypeDef> {
        let want = std::mem::discriminant(&kind);
        self.api.types.iter().filter(move |t| std::mem::discriminant(&t.kind) == want)
    }

    fn lua_name(&self, name: &str) -> String {
        format!("{}.{name}", self.api.module.name)
    }

    fn type_def(&self, name: &str) -> Option<&schema::TypeDef> {
        self.api.types.iter().find(|t| t.name == name)
    }

    fn group(&self, g: &schema::ConstantGroup) -> Group {
        Group {
            name: g.group.clone(),
            description: g.description.clone(),
            rust_type: if g.ty == "integer" { "i64" } else { "&str" }.into(),
            lua_name: self.lua_name(&g.group),
            rust_reader: format!("__wslua_read_{}", g.group),
            expected: g.members.iter().map(|c| self.lua_name(&c.name)).collect::<Vec<_>>().join(" or "),
            members: g
                .members
                .iter()
                .map(|c| Constant {
                    name: c.name.clone(),
                    value: literal(&c.value),
                    description: c.description.clone(),
                    extension: c.extension,
                })
                .collect(),
        }
    }

    fn table(&self, t: &schema::TypeDef) -> Table {
        let input = self.api.is_read_from_lua(&t.name);
        Table {
            name: t.name.clone(),
            rust_name: camel(&t.name),
            lua_name: self.lua_name(&t.name),
            description: t.description.clone(),
            input,
            output: !input,
            fields: self.members(&t.fields, if input { Role::Input } else { Role::Output }),
        }
    }

    fn function(&self, f: &schema::Function) -> Function {
        let returns = f.returns.as_ref().map(|r| self.member(r, Role::Output));
        Function {
            name: f.name.clone(),
            description: f.description.clone(),
            extension: f.extension,
            params: self.members(&f.params, Role::Input),
            rust_return: format!("mlua::Result<{}>", returns.as_ref().map_or("()", |r| &r.rust_type)),
            returns,
            examples: f
                .examples
                .iter()
                .map(|e| Example { description: e.description.clone(), code: e.code.clone() })
                .collect(),
        }
    }

    fn members(&self, fields: &[Field], role: Role) -> Vec<Member> {
        fields.iter().map(|f| self.member(f, role)).collect()
    }

    fn member(&self, f: &Field, role: Role) -> Member {
        let def = self.type_def(&f.ty);
        let kind = def.map(|d| &d.kind);
        let (base, reader, write, lua_type) = match (f.ty.as_str(), kind) {
            (_, Some(TypeKind::Handle)) => {
                let rust = camel(&f.ty);
                // Handles go to Lua as the host's userdata, so a connection keeps one identity.
                ("mlua::AnyUserData".to_string(), format!("{rust}::read"), "v".to_string(), self.lua_name(&f.ty))
            }
            (_, Some(TypeKind::Table)) => {
                let rust = camel(&f.ty);
                (rust.clone(), format!("{rust}::read"), "v.into_lua_table(lua)?".into(), self.lua_name(&f.ty))
            }
            (_, Some(TypeKind::Function)) => {
                ("mlua::Function".into(), "__wslua::read_function".into(), "v".into(), self.lua_name(&f.ty))
            }
            ("string", _) => ("String".into(), "__wslua::read_string".into(), "v".into(), "string".into()),
            ("bytes", _) => {
                ("Vec<u8>".into(), "__wslua::read_bytes".into(), "lua.create_string(&v)?".into(), "string".into())
            }
            ("integer", _) => {
                let reader = match &f.constants {
                    Some(group) => format!("__wslua_read_{group}"),
                    None => "__wslua::read_integer".into(),
                };
                ("i64".into(), reader, "v".into(), self.constant_type(f, "integer"))
            }
            ("number", _) => ("f64".into(), "__wslua::read_number".into(), "v".into(), "number".into()),
            ("boolean", _) => ("bool".into(), "__wslua::read_boolean".into(), "v".into(), "boolean".into()),
            ("map", _) => (
                "Vec<(String, String)>".into(),
                String::new(),
                "__wslua::write_map(lua, v)?".into(),
                "table<string, string>".into(),
            ),
            _ => ("mlua::Value".into(), "__wslua::read_any".into(), "v".into(), "any".into()),
        };
        // A handle read from Lua is the handle struct; written to Lua it is the userdata.
        let in_type = if matches!(kind, Some(TypeKind::Handle)) { camel(&f.ty) } else { base.clone() };
        let is_table = matches!(kind, Some(TypeKind::Table));
        let rust_default = f.default.as_ref().map(|d| self.rust_literal(d, &f.ty));
        let events = f.events.clone().unwrap_or_default();
        let always = !f.optional && events.is_empty();
        // A value read from Lua that has a default may be left out. A callback data field is
        // optional if it may be missing even on the events that carry it.
        let optional = f.optional || role == Role::Input && f.default.is_some();
        let (rust_type, read) = match role {
            Role::Output if always => (base.clone(), String::new()),
            Role::Output => (format!("Option<{base}>"), String::new()),
            Role::Config => (base.clone(), String::new()),
            Role::Input if !optional => (in_type.clone(), format!("{reader}(value, &at)?")),
            Role::Input => match &rust_default {
                Some(default) => {
                    (in_type.clone(), format!("__wslua::optional(value, &at, {reader})?.unwrap_or({default})"))
                }
                // An omitted table means a table of defaults.
                None if is_table => {
                    (in_type.clone(), format!("__wslua::optional(value, &at, {reader})?.unwrap_or_default()"))
                }
                None => (format!("Option<{in_type}>"), format!("__wslua::optional(value, &at, {reader})?")),
            },
        };
        Member {
            name: f.name.clone(),
            rust_name: rust_ident(&f.name),
            description: f.description.clone(),
            ty: f.ty.clone(),
            lua_type,
            type_link: def.map(|d| d.name.clone()).or_else(|| f.constants.clone()),
            optional,
            always,
            default: f.default.as_ref().map(display_value),
            unit: f.unit.clone(),
            constants: f.constants.clone(),
            notes: notes(f),
            events,
            extension: f.extension,
            rust_type,
            read,
            write,
            parse: format!("__wslua::parse_{}(text)", f.ty),
            rust_default,
        }
    }

    /// `integer` fields limited to a constant group are typed as the group's alias.
    fn constant_type(&self, f: &Field, fallback: &str) -> String {
        match &f.constants {
            Some(group) => self.lua_name(group),
            None => fallback.into(),
        }
    }

    fn rust_literal(&self, value: &Value, ty: &str) -> String {
        match (value, ty) {
            (Value::String(s), "string") => format!("{s:?}.to_string()"),
            (Value::String(s), "bytes") => format!("{s:?}.as_bytes().to_vec()"),
            (Value::String(constant), _) => constant.clone(),
            (Value::Number(n), "number") => format!("{:?}", n.as_f64().unwrap_or_default()),
            (other, _) => literal(other),
        }
    }
}

fn notes(f: &Field) -> String {
    let mut notes: Vec<String> = f.unit.iter().cloned().collect();
    if let Some(default) = &f.default {
        notes.push(format!("default `{}`", display_value(default)));
    }
    if let Some(events) = &f.events {
        notes.push(format!("on {}", events.join(", ")));
    }
    if notes.is_empty() {
        String::new()
    } else {
        format!(" ({})", notes.join("; "))
    }
}

fn literal(value: &Value) -> String {
    match value {
        Value::String(s) => format!("{s:?}"),
        other => display_value(other),
    }
}

fn display_value(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => serde_yaml::to_string(other).unwrap_or_default().trim().to_string(),
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
