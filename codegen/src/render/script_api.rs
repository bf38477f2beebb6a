//! Defold's `.script_api` (`generated/defold/<module>.script_api`), serialized with serde from a
//! view of the model so YAML quoting is always right.

use crate::model::{Member, Model};
use crate::render::{extension, oneline};
use crate::types::{ConstantKind, Type};
use serde::Serialize;

#[derive(Serialize)]
struct Item {
    name: String,
    #[serde(rename = "type")]
    ty: Kind,
    desc: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    members: Vec<Item>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    parameters: Vec<Item>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    returns: Vec<Item>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    examples: Vec<Example>,
}

/// One type name, or a list of them for a value that may be either.
#[derive(Serialize)]
#[serde(untagged)]
enum Kind {
    One(&'static str),
    Either([&'static str; 2]),
}

#[derive(Serialize)]
struct Example {
    desc: String,
}

impl Item {
    fn new(name: &str, ty: &'static str, desc: String) -> Item {
        let ty = Kind::One(ty);
        Item { name: name.into(), ty, desc, members: vec![], parameters: vec![], returns: vec![], examples: vec![] }
    }
}

pub fn render(model: &Model) -> Result<String, String> {
    let mut module = Item::new(
        &model.module.name,
        "table",
        format!("{}\n\n{}", model.module.summary, model.module.description.trim_end()),
    );
    if let Some(config) = &model.config {
        let keys: Vec<String> = config
            .keys
            .iter()
            .map(|k| format!("- `{}`{}: {}", k.name, k.notes, extension(oneline(k.description.clone()), k.extension)))
            .collect();
        module.desc.push_str(&format!(
            "\n\nConfiguration, `[{}]` in game.project: {}\n{}",
            config.section,
            oneline(config.description.clone()),
            keys.join("\n")
        ));
    }
    for f in &model.functions {
        let mut item = Item::new(&f.name, "function", extension(f.description.clone(), f.extension));
        item.parameters = f.params.iter().map(|p| member(model, p)).collect();
        item.returns = f.returns.iter().map(|r| member(model, r)).collect();
        item.examples =
            f.examples.iter().map(|e| Example { desc: format!("{}\n```lua\n{}```", e.description, e.code) }).collect();
        module.members.push(item);
    }
    for group in &model.groups {
        for c in &group.members {
            let desc = extension(format!("{} ({})", c.description, group.description), c.extension);
            let ty = match group.kind {
                ConstantKind::Integer => "number",
                ConstantKind::String => "string",
                ConstantKind::Lightuserdata => "userdata",
            };
            module.members.push(Item::new(&c.name, ty, desc));
        }
    }
    let yaml = serde_yaml::to_string(&vec![module]).map_err(|e| e.to_string())?;
    Ok(format!("# Generated from {} by wslua-codegen — do not edit.\n{yaml}", model.source))
}

/// A parameter or field in Defold's types, with the members of a table and the parameters of a
/// callback spelled out, and the description of the type it names.
fn member(model: &Model, m: &Member) -> Item {
    let desc = extension(format!("{}{}", oneline(m.description.clone()), m.notes), m.extension);
    match &m.ty {
        Type::Table(name) => {
            let table = model.tables.iter().find(|t| &t.name == name);
            let mut item = Item::new(&m.name, "table", described(desc, table.map(|t| &t.description)));
            item.members = table.iter().flat_map(|t| &t.fields).map(|f| member(model, f)).collect();
            item
        }
        Type::Callback(name) => {
            let callback = model.callbacks.iter().find(|c| &c.name == name);
            let mut item = Item::new(&m.name, "function", described(desc, callback.map(|c| &c.description)));
            item.parameters = callback.iter().flat_map(|c| &c.params).map(|p| member(model, p)).collect();
            item.returns = callback.iter().flat_map(|c| &c.returns).map(|r| member(model, r)).collect();
            item
        }
        Type::Handle(name) => {
            let handle = model.handles.iter().find(|h| &h.name == name);
            Item::new(&m.name, "object", described(desc, handle.map(|h| &h.description)))
        }
        Type::String | Type::Bytes | Type::Constant { integer: false, .. } => Item::new(&m.name, "string", desc),
        Type::Integer | Type::Number | Type::Constant { integer: true, .. } => Item::new(&m.name, "number", desc),
        Type::Boolean => Item::new(&m.name, "boolean", desc),
        Type::Map | Type::Array(_) => Item::new(&m.name, "table", desc),
        Type::Union(first, second) => {
            let kinds = [first, second].map(|ty| ty.lua_kind().unwrap_or("object"));
            Item { ty: Kind::Either(kinds), ..Item::new(&m.name, "", desc) }
        }
        Type::Any => Item::new(&m.name, "object", desc),
    }
}

/// A member's description followed by that of the type it names.
fn described(desc: String, type_description: Option<&String>) -> String {
    match type_description {
        Some(more) => format!("{desc} {}", oneline(more.clone())),
        None => desc,
    }
}
