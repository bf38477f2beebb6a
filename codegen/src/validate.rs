//! Semantic checks on a parsed `api.yaml`. Every error names the YAML path of the offending value
//! (`functions.connect.params.timeout.type`) and, where a near name exists, suggests it.

use crate::lua::KEYWORDS;
use crate::schema::{Api, Field, TypeKind};
use crate::types::{resolve, suggest, table_direction, ConstantKind, Direction, Type};
use serde_yaml::Value;
use std::collections::HashSet;

/// The most params a callback, or fields a table written to Lua, may have: the glue passes a
/// callback's params as a tuple, and mlua converts tuples of up to 16 values. Tables are written
/// field by field with the C API and could have more; they keep the callbacks' bound until one
/// needs more.
const MAX_WRITTEN_FIELDS: usize = 16;

pub fn check(api: &Api) -> Result<(), Vec<String>> {
    let mut v = Validator { api, errors: Vec::new() };
    v.run();
    if v.errors.is_empty() {
        Ok(())
    } else {
        Err(v.errors)
    }
}

struct Validator<'a> {
    api: &'a Api,
    errors: Vec<String>,
}

impl<'a> Validator<'a> {
    fn error(&mut self, path: &str, message: String) {
        self.errors.push(format!("{path}: {message}"));
    }

    fn run(&mut self) {
        let api = self.api;
        check_identifier(self, "module.name", &api.module.name);
        self.unique("constants", api.constants.iter().map(|g| g.group.as_str()));
        let all_constants = api.constants.iter().flat_map(|g| g.members.iter().map(|c| c.name.as_str()));
        self.unique("constants", all_constants);
        for group in &api.constants {
            self.constant_group(group);
        }
        self.unique("types", api.types.iter().map(|t| t.name.as_str()));
        self.unique("functions", api.functions.iter().map(|f| f.name.as_str()));
        for def in &api.types {
            let path = format!("types.{}", def.name);
            check_identifier(self, &format!("{path}.name"), &def.name);
            let (fields, key) = match def.kind {
                TypeKind::Handle => (&def.fields, "fields"),
                TypeKind::Table => (&def.fields, "fields"),
                TypeKind::Function => (&def.params, "params"),
            };
            match def.kind {
                TypeKind::Handle if !def.fields.is_empty() || !def.params.is_empty() || !def.returns.is_empty() => {
                    self.error(&path, "a handle has no fields, params or returns".into())
                }
                TypeKind::Table if !def.params.is_empty() || !def.returns.is_empty() => {
                    self.error(&path, "a table has fields, not params or returns".into())
                }
                TypeKind::Function if !def.fields.is_empty() => {
                    self.error(&format!("{path}.fields"), "a function type has params, not fields".into())
                }
                _ => {}
            }
            let direction = match def.kind {
                TypeKind::Function => Direction::Out,
                _ => table_direction(api, &def.name),
            };
            if direction == Direction::Out && fields.len() > MAX_WRITTEN_FIELDS {
                let what = format!("{} {key}; a value written to Lua has at most {MAX_WRITTEN_FIELDS}", fields.len());
                self.error(&format!("{path}.{key}"), format!("{what} (the glue passes them in one Lua call)"));
            }
            for field in fields.iter().filter(|f| f.variadic) {
                self.error(
                    &format!("{path}.{key}.{}.variadic", field.name),
                    "only a function parameter can be variadic".into(),
                );
            }
            if matches!(def.kind, TypeKind::Table) && direction == Direction::Out {
                self.written_fields(&format!("{path}.{key}"), fields);
            }
            let event_group = fields.iter().find(|f| f.name == "event").and_then(|f| f.constants.clone());
            self.fields(&format!("{path}.{key}"), fields, direction, event_group.as_deref());
            self.returns(&format!("{path}.returns"), &def.returns);
        }
        for function in &self.api.functions {
            let path = format!("functions.{}", function.name);
            check_identifier(self, &format!("{path}.name"), &function.name);
            self.fields(&format!("{path}.params"), &function.params, Direction::In, None);
            for (i, param) in function.params.iter().enumerate().filter(|(_, p)| p.variadic) {
                let at = format!("{path}.params.{}.variadic", param.name);
                if i + 1 != function.params.len() {
                    self.error(&at, "only the last parameter can be variadic".into());
                } else if param.ty != "any" {
                    self.error(&at, format!("a variadic parameter takes values of any type, not '{}'", param.ty));
                }
            }
            if let Some(ret) = &function.returns {
                self.field(&format!("{path}.returns"), ret, Direction::Out, None);
            }
            for (i, example) in function.examples.iter().enumerate() {
                if example.code.trim().is_empty() {
                    self.error(&format!("{path}.examples[{i}].code"), "an example needs code".into());
                }
            }
        }
        if let Some(config) = &self.api.config {
            check_identifier(self, "config.section", &config.section);
            self.fields("config.keys", &config.keys, Direction::Config, None);
        }
        self.anchors();
    }

    /// Functions, types, constant groups, constants and config keys share one namespace: each is
    /// an anchor of the reference site (`#connect`, `#EVENT_CONNECTED`, `#debug`).
    fn anchors(&mut self) {
        const SECTIONS: &[&str] = &["functions", "types", "constants", "config", "manual"];
        let api = self.api;
        let mut seen: Vec<(&str, String)> =
            SECTIONS.iter().map(|s| (*s, "a section of the reference".to_string())).collect();
        let items = api
            .functions
            .iter()
            .map(|f| (f.name.as_str(), format!("functions.{}", f.name)))
            .chain(api.types.iter().map(|t| (t.name.as_str(), format!("types.{}", t.name))))
            .chain(api.constants.iter().map(|g| (g.group.as_str(), format!("constants.{}", g.group))))
            .chain(api.constants.iter().flat_map(|g| {
                g.members.iter().map(move |c| (c.name.as_str(), format!("constants.{}.members.{}", g.group, c.name)))
            }))
            .chain(
                api.config
                    .iter()
                    .flat_map(|c| c.keys.iter().map(|k| (k.name.as_str(), format!("config.keys.{}", k.name)))),
            );
        for (name, path) in items {
            match seen.iter().find(|(n, _)| *n == name) {
                Some((_, other)) if other != &path => {
                    let message = format!("'{name}' is also the name of {other}; reference anchors must be unique");
                    self.error(&path, message)
                }
                _ => seen.push((name, path)),
            }
        }
    }

    fn unique<'n>(&mut self, path: &str, names: impl Iterator<Item = &'n str>) {
        let mut seen = HashSet::new();
        for name in names {
            if !seen.insert(name) {
                self.error(&format!("{path}.{name}"), format!("duplicate name '{name}'"));
            }
        }
    }

    fn constant_group(&mut self, group: &crate::schema::ConstantGroup) {
        let path = format!("constants.{}", group.group);
        if ConstantKind::of(&group.ty).is_none() {
            let hint = suggest(&group.ty, ["integer", "string", "lightuserdata"].into_iter());
            let message = format!("constants are 'integer', 'string' or 'lightuserdata', not '{}'{hint}", group.ty);
            return self.error(&format!("{path}.type"), message);
        }
        let mut values: Vec<(&str, &Value)> = Vec::new();
        for constant in &group.members {
            let at = format!("{path}.members.{}.value", constant.name);
            check_identifier(self, &format!("{path}.members.{}.name", constant.name), &constant.name);
            if !value_has_type(&constant.value, &group.ty) {
                self.error(&at, format!("{} is not of the group's type '{}'", show(&constant.value), group.ty));
            }
            if let Some((other, _)) = values.iter().find(|(_, v)| **v == constant.value) {
                self.error(&at, format!("value {} is already used by '{other}'", show(&constant.value)));
            }
            values.push((&constant.name, &constant.value));
        }
    }

    /// A function type's return values are read from Lua like arguments, one value each: not a
    /// table (the glue reads tables only as arguments) and not variadic.
    fn returns(&mut self, path: &str, returns: &[Field]) {
        self.fields(path, returns, Direction::In, None);
        for field in returns {
            let at = format!("{path}.{}", field.name);
            if field.variadic {
                self.error(&format!("{at}.variadic"), "a return value cannot be variadic".into());
            }
            if matches!(resolve(self.api, field), Ok(Type::Table(_) | Type::Callback(_) | Type::Handle(_))) {
                self.error(&format!("{at}.type"), format!("a callback returns plain values, not '{}'", field.ty));
            }
        }
    }

    /// The glue writes a table to Lua with Lua's C API alone, so its fields are values Rust
    /// holds, never values that live in Lua (a handle's userdata, `any`).
    fn written_fields(&mut self, path: &str, fields: &[Field]) {
        fn lives_in_lua(ty: &Type) -> bool {
            match ty {
                Type::Handle(_) | Type::Any => true,
                Type::Array(element) => lives_in_lua(element),
                _ => false,
            }
        }
        for field in fields {
            if resolve(self.api, field).is_ok_and(|ty| lives_in_lua(&ty)) {
                let message = format!("a table written to Lua holds no '{}': it lives in Lua, not in Rust", field.ty);
                self.error(&format!("{path}.{}.type", field.name), message);
            }
        }
    }

    fn fields(&mut self, path: &str, fields: &[Field], direction: Direction, event_group: Option<&str>) {
        self.unique(path, fields.iter().map(|f| f.name.as_str()));
        for field in fields {
            self.field(&format!("{path}.{}", field.name), field, direction, event_group);
        }
    }

    fn field(&mut self, path: &str, field: &Field, direction: Direction, event_group: Option<&str>) {
        check_identifier(self, &format!("{path}.name"), &field.name);
        let ty = match resolve(self.api, field) {
            Ok(ty) => ty,
            Err((key, message)) => return self.error(&format!("{path}.{key}"), message),
        };
        let type_path = format!("{path}.type");
        match (direction, &ty) {
            (Direction::Out, Type::Union(..)) => {
                self.error(&type_path, "a union can only be read from Lua, not written to it".into())
            }
            (Direction::Out, Type::Callback(_)) => {
                self.error(&type_path, "a function type can only be a parameter".into())
            }
            (Direction::Config, Type::Integer | Type::Number | Type::Boolean | Type::String) => {}
            (Direction::Config, _) => self
                .error(&type_path, format!("a config key is integer, number, boolean or string, not '{}'", field.ty)),
            _ => {}
        }
        if direction == Direction::Config && field.default.is_none() {
            self.error(path, "a config key needs a default".into());
        }
        for (key, bound) in [("min", &field.min), ("max", &field.max)] {
            match bound {
                Some(value) if !matches!(ty, Type::Integer | Type::Number) => {
                    self.error(&format!("{path}.{key}"), format!("only numbers have a {key}, not '{}'", field.ty))
                }
                Some(value) if !value_has_type(value, &field.ty) => {
                    self.error(&format!("{path}.{key}"), format!("{key} {} is not of type '{}'", show(value), field.ty))
                }
                _ => {}
            }
        }
        if let (Some(min), Some(max)) = (number(&field.min), number(&field.max)) {
            if min > max {
                self.error(&format!("{path}.max"), format!("max {max} is less than min {min}"));
            }
        }
        if let Some(default) = &field.default {
            self.default(&format!("{path}.default"), field, default, direction);
            let value = number(&field.default);
            let below = value.zip(number(&field.min)).is_some_and(|(v, min)| v < min);
            let above = value.zip(number(&field.max)).is_some_and(|(v, max)| v > max);
            if below || above {
                self.error(&format!("{path}.default"), format!("default {} is out of its min..max", show(default)));
            }
        }
        if let Some(events) = &field.events {
            self.events(&format!("{path}.events"), events, direction, event_group);
        }
    }

    fn default(&mut self, path: &str, field: &Field, default: &Value, direction: Direction) {
        if direction == Direction::Out {
            self.error(path, "only values read from Lua or from game.project have defaults".into());
            return;
        }
        if let (Some(group), Value::String(name)) = (&field.constants, default) {
            let members = self.api.constants.iter().filter(|g| &g.group == group).flat_map(|g| &g.members);
            if !members.clone().any(|c| &c.name == name) {
                let hint = suggest(name, members.map(|c| c.name.as_str()));
                self.error(path, format!("'{name}' is not a constant of group '{group}'{hint}"));
            }
        } else if !value_has_type(default, &field.ty) {
            self.error(path, format!("default {} is not of type '{}'", show(default), field.ty));
        }
    }

    fn events(&mut self, path: &str, events: &[String], direction: Direction, event_group: Option<&str>) {
        let Some(group) = event_group.filter(|_| direction == Direction::Out) else {
            self.error(
                path,
                "only fields of a table written to Lua with an 'event' field with constants can name events".into(),
            );
            return;
        };
        let members: Vec<&str> = self
            .api
            .constants
            .iter()
            .filter(|g| g.group == group)
            .flat_map(|g| g.members.iter().map(|c| c.name.as_str()))
            .collect();
        for (i, event) in events.iter().enumerate() {
            if !members.contains(&event.as_str()) {
                let hint = suggest(event, members.iter().copied());
                self.error(&format!("{path}[{i}]"), format!("unknown event '{event}'{hint}"));
            }
        }
    }
}

fn check_identifier(v: &mut Validator, path: &str, name: &str) {
    let mut chars = name.chars();
    let ok = matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !ok {
        v.error(path, format!("'{name}' is not a Lua identifier"));
    } else if KEYWORDS.contains(&name) {
        v.error(path, format!("'{name}' is a Lua keyword"));
    }
}

fn value_has_type(value: &Value, ty: &str) -> bool {
    match (ty, value) {
        ("integer", Value::Number(n)) => n.is_i64(),
        ("number", Value::Number(_)) => true,
        ("string" | "bytes", Value::String(_)) => true,
        ("boolean", Value::Bool(_)) => true,
        ("lightuserdata", Value::Null) => true,
        _ => false,
    }
}

fn number(value: &Option<Value>) -> Option<f64> {
    value.as_ref().and_then(Value::as_f64)
}

fn show(value: &Value) -> String {
    match value {
        Value::String(s) => format!("'{s}'"),
        other => serde_yaml::to_string(other).unwrap_or_default().trim().to_string(),
    }
}
