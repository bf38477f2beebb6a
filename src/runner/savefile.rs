//! The file format of `sys.save` and `sys.load`: an 8-byte header, then the table as
//! MessagePack (a map per table; strings as MessagePack strings when UTF-8, binary otherwise).
//! Written beside the target and renamed over it, so a crash leaves the old file or the new.

use mlua::{Lua, Table, Value};
use std::io::Write;
use std::path::Path;

const HEADER: &[u8; 8] = b"WSLUASV1";

/// Tables nested deeper than this are refused (as `json.encode` refuses them).
const MAX_DEPTH: usize = 1000;

/// Writes `table` to `path` atomically.
pub fn save(path: &Path, table: &Table) -> Result<(), String> {
    let mut path_of = Vec::new();
    let value = to_msgpack(table, &mut path_of)?;
    let mut bytes = HEADER.to_vec();
    rmpv::encode::write_value(&mut bytes, &value).map_err(|e| e.to_string())?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let part = path.with_file_name(format!(".{name}.{}.part", std::process::id()));
    let written = std::fs::File::create(&part).and_then(|mut file| {
        file.write_all(&bytes)?;
        file.sync_all()
    });
    let renamed = written.and_then(|()| std::fs::rename(&part, path));
    renamed.map_err(|e| {
        let _ = std::fs::remove_file(&part);
        format!("cannot write '{}': {e}", path.display())
    })
}

/// Reads what [`save`] wrote; a missing file is an empty table.
pub fn load(lua: &Lua, path: &Path) -> Result<Table, String> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return lua.create_table().map_err(|e| e.to_string()),
        Err(e) => return Err(format!("cannot read '{}': {e}", path.display())),
    };
    let corrupt = |why: String| format!("'{}' is not a file sys.save wrote: {why}", path.display());
    let body =
        bytes.strip_prefix(HEADER.as_slice()).ok_or_else(|| corrupt("it does not start with WSLUASV1".into()))?;
    let mut reader = body;
    let value = rmpv::decode::read_value(&mut reader).map_err(|e| corrupt(e.to_string()))?;
    if !reader.is_empty() {
        return Err(corrupt(format!("{} bytes follow the table", reader.len())));
    }
    match to_lua(lua, &value).map_err(|e| corrupt(e.to_string()))? {
        Value::Table(table) => Ok(table),
        other => Err(corrupt(format!("it holds a {}, not a table", other.type_name()))),
    }
}

/// `path` holds the tables being written, outermost first, to find a table inside itself.
fn to_msgpack(table: &Table, path: &mut Vec<Table>) -> Result<rmpv::Value, String> {
    if path.iter().any(|t| t == table) {
        return Err("a table that contains itself".into());
    }
    if path.len() >= MAX_DEPTH {
        return Err(format!("tables nested more than {MAX_DEPTH} deep"));
    }
    path.push(table.clone());
    let mut entries = Vec::new();
    for pair in table.pairs::<Value, Value>() {
        let (key, value) = pair.map_err(|e| e.to_string())?;
        let packed_key = scalar(&key).ok_or_else(|| format!("a key of type {}", key.type_name()))?;
        let packed = match &value {
            Value::Table(inner) => to_msgpack(inner, path),
            other => scalar(other).ok_or_else(|| format!("a {}", other.type_name())),
        };
        let shown = match &key {
            Value::String(s) => s.to_string_lossy(),
            other => format!("{other:?}"),
        };
        entries.push((packed_key, packed.map_err(|e| format!("{e} (at key '{shown}')"))?));
    }
    path.pop();
    Ok(rmpv::Value::Map(entries))
}

fn scalar(value: &Value) -> Option<rmpv::Value> {
    Some(match value {
        Value::Boolean(b) => rmpv::Value::Boolean(*b),
        Value::Integer(i) => rmpv::Value::from(*i),
        Value::Number(n) => rmpv::Value::F64(*n),
        Value::String(s) => match s.to_str() {
            Ok(text) => rmpv::Value::from(&*text),
            Err(_) => rmpv::Value::Binary(s.as_bytes().to_vec()),
        },
        _ => return None,
    })
}

fn to_lua(lua: &Lua, value: &rmpv::Value) -> mlua::Result<Value> {
    Ok(match value {
        rmpv::Value::Boolean(b) => Value::Boolean(*b),
        rmpv::Value::Integer(i) => match i.as_i64() {
            Some(i) => Value::Integer(i),
            None => Value::Number(i.as_f64().unwrap_or(f64::NAN)),
        },
        rmpv::Value::F32(n) => Value::Number(f64::from(*n)),
        rmpv::Value::F64(n) => Value::Number(*n),
        rmpv::Value::String(s) => Value::String(lua.create_string(s.as_bytes())?),
        rmpv::Value::Binary(bytes) => Value::String(lua.create_string(bytes)?),
        rmpv::Value::Map(entries) => {
            let table = lua.create_table_with_capacity(0, entries.len())?;
            for (key, value) in entries {
                let key = to_lua(lua, key)?;
                if matches!(key, Value::Nil | Value::Table(_)) {
                    return Err(mlua::Error::RuntimeError("a key that is not a string or a number".into()));
                }
                table.raw_set(key, to_lua(lua, value)?)?;
            }
            Value::Table(table)
        }
        other => return Err(mlua::Error::RuntimeError(format!("a value sys.save does not write ({other})"))),
    })
}
