//! `json.encode` and `json.decode` with Defold's behaviour, on serde_json: objects are tables with
//! string keys, arrays tables with the keys 1..n, JSON null is nil or `json.null`.

use mlua::{LightUserData, Lua, Table, Value};

/// Tables nested deeper than this are refused (a C stack, not a Lua one, walks them).
const MAX_DEPTH: usize = 1000;

/// `json.null`: a NULL light userdata, as in Defold.
pub fn null() -> LightUserData {
    LightUserData(std::ptr::null_mut())
}

pub fn encode(value: &Value, empty_table_as_object: bool) -> Result<String, String> {
    let mut path = Vec::new();
    let json = to_json(value, empty_table_as_object, &mut path)?;
    serde_json::to_string(&json).map_err(|e| e.to_string())
}

/// `path` holds the tables being encoded, outermost first, to find a table inside itself.
fn to_json(value: &Value, empty_as_object: bool, path: &mut Vec<Table>) -> Result<serde_json::Value, String> {
    Ok(match value {
        Value::Nil => serde_json::Value::Null,
        Value::LightUserData(data) if data.0.is_null() => serde_json::Value::Null,
        Value::Boolean(b) => serde_json::Value::Bool(*b),
        Value::Integer(i) => serde_json::Value::from(*i),
        Value::Number(n) => match whole(*n) {
            Some(i) => serde_json::Value::from(i),
            None => serde_json::Number::from_f64(*n)
                .map(serde_json::Value::Number)
                .ok_or_else(|| format!("the number {n} has no JSON form"))?,
        },
        Value::String(s) => {
            serde_json::Value::String(s.to_str().map_err(|_| "a string that is not UTF-8".to_string())?.to_string())
        }
        Value::Table(table) => {
            if path.iter().any(|t| t == table) {
                return Err("a table that contains itself".into());
            }
            if path.len() >= MAX_DEPTH {
                return Err(format!("tables nested more than {MAX_DEPTH} deep"));
            }
            path.push(table.clone());
            let json = table_to_json(table, empty_as_object, path);
            path.pop();
            json?
        }
        other => return Err(format!("a {}", other.type_name())),
    })
}

/// A float with a whole value that an integer holds exactly: written as that integer, as Defold
/// does, so `10/2` is `5` whether the VM has integers (Lua 5.4: `5.0`) or not (LuaJIT).
fn whole(n: f64) -> Option<i64> {
    // 2^63 itself does not fit; every float below it in magnitude with no fraction does.
    const LIMIT: f64 = (1u64 << 63) as f64;
    (n.fract() == 0.0 && n.abs() < LIMIT).then_some(n as i64)
}

fn table_to_json(table: &Table, empty_as_object: bool, path: &mut Vec<Table>) -> Result<serde_json::Value, String> {
    let pairs: Vec<(Value, Value)> = table.pairs().collect::<mlua::Result<_>>().map_err(|e| e.to_string())?;
    let length = table.raw_len();
    let is_array = length == pairs.len() && (length > 0 || !empty_as_object);
    if is_array {
        let items: Result<Vec<_>, _> = (1..=length)
            .map(|i| to_json(&table.raw_get::<Value>(i).unwrap_or(Value::Nil), empty_as_object, path))
            .collect();
        return items.map(serde_json::Value::Array);
    }
    let mut object = serde_json::Map::new();
    for (key, value) in pairs {
        let key = match key {
            Value::String(s) => s.to_str().map_err(|_| "a key that is not UTF-8".to_string())?.to_string(),
            Value::Integer(i) => i.to_string(),
            Value::Number(n) => whole(n).ok_or_else(|| format!("a key {n} that is not a whole number"))?.to_string(),
            other => return Err(format!("a key of type {}", other.type_name())),
        };
        let value = to_json(&value, empty_as_object, path).map_err(|e| format!("{e} (at key '{key}')"))?;
        object.insert(key, value);
    }
    Ok(serde_json::Value::Object(object))
}

pub fn decode(lua: &Lua, text: &str, null_as_userdata: bool) -> Result<Value, String> {
    let json: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    to_lua(lua, &json, null_as_userdata).map_err(|e| e.to_string())
}

fn to_lua(lua: &Lua, json: &serde_json::Value, null_as_userdata: bool) -> mlua::Result<Value> {
    Ok(match json {
        serde_json::Value::Null if null_as_userdata => Value::LightUserData(null()),
        serde_json::Value::Null => Value::Nil,
        serde_json::Value::Bool(b) => Value::Boolean(*b),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Value::Integer(i),
            None => Value::Number(n.as_f64().unwrap_or(f64::NAN)),
        },
        serde_json::Value::String(s) => Value::String(lua.create_string(s)?),
        serde_json::Value::Array(items) => {
            let table = lua.create_table_with_capacity(items.len(), 0)?;
            for (i, item) in items.iter().enumerate() {
                table.raw_set(i + 1, to_lua(lua, item, null_as_userdata)?)?;
            }
            Value::Table(table)
        }
        serde_json::Value::Object(members) => {
            let table = lua.create_table_with_capacity(0, members.len())?;
            for (key, value) in members {
                table.raw_set(key.as_str(), to_lua(lua, value, null_as_userdata)?)?;
            }
            Value::Table(table)
        }
    })
}
