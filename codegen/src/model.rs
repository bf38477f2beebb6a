//! What renderers see: the API's meaning with every name resolved and every default applied, in
//! no output language. Each renderer maps [`Type`]s to its own names (`render::glue` to Rust,
//! `render::lua_types` to LuaLS, `render::script_api` to Defold's), so templates only lay text
//! out.

use crate::schema::{self, Api, Field, TypeKind};
use crate::types::{resolve, table_direction, ConstantKind, Direction, Literal, Type};
use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize)]
pub struct Model {
    /// The file it was read from, by name (`api.yaml`, `runner.yaml`), for "generated from".
    pub source: String,
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
    /// Its functions are globals, not fields of a table named `name`.
    pub globals: bool,
    /// Fields beyond the described ones may exist.
    pub open: bool,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Group {
    pub name: String,
    pub description: String,
    /// The group's name as Lua code sees it, e.g. `websocket.event`.
    pub lua_name: String,
    pub kind: ConstantKind,
    pub members: Vec<Constant>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Constant {
    pub name: String,
    /// As Lua code names it, e.g. `websocket.EVENT_CONNECTED`.
    pub lua_name: String,
    pub value: Literal,
    pub description: String,
    pub extension: bool,
}

#[derive(Debug, Serialize)]
pub struct Handle {
    pub name: String,
    pub lua_name: String,
    pub description: String,
}

#[derive(Debug, Serialize)]
pub struct Table {
    pub name: String,
    pub lua_name: String,
    pub description: String,
    /// Read from Lua (a parameter names it), else written to Lua.
    pub input: bool,
    pub output: bool,
    /// A callback's `data`: some field is carried on some events only.
    pub event_payload: bool,
    pub fields: Vec<Member>,
}

#[derive(Debug, Serialize)]
pub struct Callback {
    pub name: String,
    pub lua_name: String,
    pub description: String,
    pub params: Vec<Member>,
    /// Its return values, read from Lua.
    pub returns: Vec<Member>,
}

#[derive(Debug, Serialize)]
pub struct Function {
    pub name: String,
    pub description: String,
    pub extension: bool,
    pub params: Vec<Member>,
    pub returns: Option<Member>,
    pub examples: Vec<Example>,
    /// What makes it raise besides a wrong argument.
    pub raises: Vec<String>,
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
    pub keys: Vec<Member>,
}

/// A parameter, field, return value or config key.
#[derive(Debug, Serialize, Deserialize)]
pub struct Member {
    pub name: String,
    pub description: String,
    pub ty: Type,
    pub direction: Direction,
    /// The item its type refers to (a named type, or the constant group of its values), for
    /// links in the reference.
    pub type_link: Option<String>,
    /// The Lua side may leave it out (nil); for callback data: even on the events it is on.
    pub optional: bool,
    /// Present in every value written to Lua.
    pub always: bool,
    /// The value taken when it is left out (a constant's name for a constant type).
    pub default: Option<Literal>,
    pub unit: Option<String>,
    /// The least and greatest values accepted, for numbers.
    pub min: Option<Literal>,
    pub max: Option<Literal>,
    /// The events that carry it, for callback data; empty means all.
    pub events: Vec<String>,
    /// Unit, range, default and events as a parenthetical for one-line docs (` (milliseconds; default
    /// `3000`)`), or empty.
    pub notes: String,
    pub extension: bool,
    /// Takes every argument from its position on (`...`).
    pub variadic: bool,
    /// Of a table type whose every field may be left out, so that leaving the whole table out
    /// means a table of defaults (a table with a required field is `nil` when left out).
    pub defaults_whole: bool,
}

pub fn build(source: &str, api: &Api) -> Model {
    let b = Builder { api };
    Model {
        source: source.to_string(),
        module: Module {
            name: api.module.name.clone(),
            summary: api.module.summary.clone(),
            description: api.module.description.clone(),
            globals: api.module.globals,
            open: api.module.open,
        },
        groups: api.constants.iter().map(|g| b.group(g)).collect(),
        handles: b
            .kind(TypeKind::Handle)
            .map(|t| Handle { name: t.name.clone(), lua_name: b.lua_name(&t.name), description: t.description.clone() })
            .collect(),
        tables: b.kind(TypeKind::Table).map(|t| b.table(t)).collect(),
        callbacks: b
            .kind(TypeKind::Function)
            .map(|t| Callback {
                name: t.name.clone(),
                lua_name: b.lua_name(&t.name),
                description: t.description.clone(),
                params: b.members(&t.params, Direction::Out),
                returns: b.members(&t.returns, Direction::In),
            })
            .collect(),
        functions: api.functions.iter().map(|f| b.function(f)).collect(),
        config: api.config.as_ref().map(|c| Config {
            section: c.section.clone(),
            description: c.description.clone(),
            keys: b.members(&c.keys, Direction::Config),
        }),
    }
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

    fn group(&self, g: &schema::ConstantGroup) -> Group {
        Group {
            name: g.group.clone(),
            description: g.description.clone(),
            lua_name: self.lua_name(&g.group),
            kind: ConstantKind::of(&g.ty).unwrap_or(ConstantKind::Integer),
            members: g
                .members
                .iter()
                .map(|c| Constant {
                    name: c.name.clone(),
                    lua_name: self.lua_name(&c.name),
                    value: literal(&c.value),
                    description: c.description.clone(),
                    extension: c.extension,
                })
                .collect(),
        }
    }

    fn table(&self, t: &schema::TypeDef) -> Table {
        let direction = table_direction(self.api, &t.name);
        let fields = self.members(&t.fields, direction);
        Table {
            name: t.name.clone(),
            lua_name: self.lua_name(&t.name),
            description: t.description.clone(),
            input: direction == Direction::In,
            output: direction == Direction::Out,
            event_payload: fields.iter().any(|f| !f.events.is_empty()),
            fields,
        }
    }

    fn function(&self, f: &schema::Function) -> Function {
        Function {
            name: f.name.clone(),
            description: f.description.clone(),
            extension: f.extension,
            params: self.members(&f.params, Direction::In),
            returns: f.returns.as_ref().map(|r| self.member(r, Direction::Out)),
            examples: f
                .examples
                .iter()
                .map(|e| Example { description: e.description.clone(), code: e.code.clone() })
                .collect(),
            raises: f.raises.clone(),
        }
    }

    fn members(&self, fields: &[Field], direction: Direction) -> Vec<Member> {
        fields.iter().map(|f| self.member(f, direction)).collect()
    }

    fn member(&self, f: &Field, direction: Direction) -> Member {
        // The model is built from a validated api, where every type resolves.
        let ty = resolve(self.api, f).unwrap_or(Type::Any);
        let events = f.events.clone().unwrap_or_default();
        let defaults_whole = matches!(&ty, Type::Table(name) if self.api.types.iter()
            .filter(|t| &t.name == name)
            .all(|t| t.fields.iter().all(|field| field.optional || field.default.is_some())));
        Member {
            name: f.name.clone(),
            description: f.description.clone(),
            type_link: self.api.types.iter().find(|t| t.name == f.ty).map(|d| d.name.clone()).or(f.constants.clone()),
            ty,
            direction,
            // A value read from Lua that has a default may be left out. A callback data field
            // is optional if it may be missing even on the events that carry it.
            optional: f.optional || direction == Direction::In && f.default.is_some(),
            always: !f.optional && events.is_empty(),
            default: f.default.as_ref().map(literal),
            unit: f.unit.clone(),
            min: f.min.as_ref().map(literal),
            max: f.max.as_ref().map(literal),
            notes: notes(f),
            events,
            extension: f.extension,
            variadic: f.variadic,
            defaults_whole,
        }
    }
}

fn notes(f: &Field) -> String {
    let mut notes: Vec<String> = f.unit.iter().cloned().collect();
    match (&f.min, &f.max) {
        (Some(min), Some(max)) => notes.push(format!("`{}` to `{}`", literal(min), literal(max))),
        (Some(min), None) => notes.push(format!("at least `{}`", literal(min))),
        (None, Some(max)) => notes.push(format!("at most `{}`", literal(max))),
        (None, None) => {}
    }
    if let Some(default) = &f.default {
        notes.push(format!("default `{}`", literal(default)));
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

/// A validated value: a scalar (anything else is shown as YAML text).
fn literal(value: &serde_yaml::Value) -> Literal {
    Literal::from_yaml(value)
        .unwrap_or_else(|| Literal::String(serde_yaml::to_string(value).unwrap_or_default().trim().to_string()))
}
