//! Reading Lua values into Rust values, each error naming the argument or field it is about.

use crate::args::{string_at, At};
use crate::text::did_you_mean;
use mlua::state::RawLua;
use mlua::{FromLua, Lua, Table, Value};
use std::os::raw::c_int;

/// The type name Lua itself would report.
pub fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Integer(_) | Value::Number(_) => "number",
        Value::LightUserData(_) | Value::UserData(_) => "userdata",
        other => other.type_name(),
    }
}

pub fn optional<T>(value: Value, at: &At, read: fn(Value, &At) -> mlua::Result<T>) -> mlua::Result<Option<T>> {
    match value {
        Value::Nil => Ok(None),
        value => read(value, at).map(Some),
    }
}

/// Lua strings are bytes; numbers convert as `luaL_checklstring` converts them.
pub fn read_bytes(value: Value, at: &At) -> mlua::Result<Vec<u8>> {
    match value {
        Value::String(s) => Ok(s.as_bytes().to_vec()),
        Value::Integer(i) => Ok(i.to_string().into_bytes()),
        Value::Number(n) if n.fract() == 0.0 && n.is_finite() => Ok(format!("{n:.1}").into_bytes()),
        Value::Number(n) => Ok(n.to_string().into_bytes()),
        other => Err(at.expected("string", &other)),
    }
}

pub fn read_string(value: Value, at: &At) -> mlua::Result<String> {
    String::from_utf8(read_bytes(value, at)?).map_err(|_| at.error("string is not valid UTF-8"))
}

pub fn read_integer(value: Value, at: &At) -> mlua::Result<i64> {
    match value {
        // mlua's Integer is i64 for Lua 5.4 and may be isize for LuaJIT.
        #[allow(clippy::unnecessary_cast)]
        Value::Integer(i) => Ok(i as i64),
        Value::Number(n) if n.fract() == 0.0 && n >= i64::MIN as f64 && n < i64::MAX as f64 => Ok(n as i64),
        Value::Number(_) => Err(at.error("number has no integer representation")),
        other => Err(at.expected("number", &other)),
    }
}

/// An integer that must be one of a group of constants.
pub fn read_constant(value: Value, at: &At, allowed: &[i64], expected: &str) -> mlua::Result<i64> {
    let got = read_integer(value, at)?;
    if allowed.contains(&got) {
        Ok(got)
    } else {
        Err(at.error(format!("{expected} expected, got {got}")))
    }
}

pub fn read_number(value: Value, at: &At) -> mlua::Result<f64> {
    match value {
        Value::Integer(i) => Ok(i as f64),
        Value::Number(n) => Ok(n),
        other => Err(at.expected("number", &other)),
    }
}

pub fn read_boolean(value: Value, at: &At) -> mlua::Result<bool> {
    match value {
        Value::Boolean(b) => Ok(b),
        other => Err(at.expected("boolean", &other)),
    }
}

pub fn read_function(value: Value, at: &At) -> mlua::Result<mlua::Function> {
    match value {
        Value::Function(f) => Ok(f),
        other => Err(at.expected("function", &other)),
    }
}

pub fn read_any(value: Value, _at: &At) -> mlua::Result<Value> {
    Ok(value)
}

pub fn read_table(value: Value, at: &At) -> mlua::Result<Table> {
    match value {
        Value::Table(t) => Ok(t),
        other => Err(at.expected("table", &other)),
    }
}

/// A Lua sequence (keys 1..n) of values `read` accepts.
pub fn read_array<T>(value: Value, at: &At, read: fn(Value, &At) -> mlua::Result<T>) -> mlua::Result<Vec<T>> {
    let table = read_table(value, at)?;
    let mut items = Vec::with_capacity(table.raw_len());
    for (i, item) in table.sequence_values::<Value>().enumerate() {
        items.push(read(item?, &at.element(i + 1))?);
    }
    Ok(items)
}

/// A value of a union type (`string|map`): the first type's or the second's.
#[derive(Debug, Clone, PartialEq)]
pub enum Either<A, B> {
    First(A),
    Second(B),
}

/// Reads with `first` or `second`, whichever's Lua type (`kinds`) the value has.
pub fn read_either<A, B>(
    value: Value,
    at: &At,
    kinds: [&str; 2],
    first: fn(Value, &At) -> mlua::Result<A>,
    second: fn(Value, &At) -> mlua::Result<B>,
) -> mlua::Result<Either<A, B>> {
    match type_name(&value) {
        kind if kind == kinds[0] => first(value, at).map(Either::First),
        kind if kind == kinds[1] => second(value, at).map(Either::Second),
        _ => Err(at.expected(&format!("{} or {}", kinds[0], kinds[1]), &value)),
    }
}

/// A table of string keys to string values, as pairs sorted by key.
pub fn read_map(value: Value, at: &At) -> mlua::Result<Vec<(String, String)>> {
    let table = read_table(value, at)?;
    let mut pairs = Vec::new();
    for pair in table.pairs::<Value, Value>() {
        let (key, value) = pair?;
        let Value::String(key) = key else {
            return Err(at.error(format!("{} key where string keys are expected", type_name(&key))));
        };
        let key = key.to_str().map_err(|_| at.error("a key is not valid UTF-8"))?.to_string();
        let value = match value {
            Value::String(s) => s.to_str().map_err(|_| at.error(format!("'{key}': not valid UTF-8")))?.to_string(),
            other => return Err(at.error(format!("'{key}': string expected, got {}", type_name(&other)))),
        };
        pairs.push((key, value));
    }
    pairs.sort();
    Ok(pairs)
}

pub fn read_handle<T: mlua::UserData + Copy + 'static>(value: Value, at: &At, name: &str) -> mlua::Result<T> {
    match &value {
        Value::UserData(data) => data.borrow::<T>().map(|h| *h).map_err(|_| at.expected(name, &value)),
        _ => Err(at.expected(name, &value)),
    }
}

/// Every key of a table read from Lua must be one of `fields`: a misspelt field is an error
/// naming it and the nearest field, not a silently ignored value.
pub fn only_fields(table: &Table, at: &At, fields: &[&str]) -> mlua::Result<()> {
    // Looked at on Lua's stack first, which takes no reference per key; the error, rare, is
    // found again below.
    let is_field = |name: &[u8]| fields.iter().any(|field| field.as_bytes() == name);
    let mut known = true;
    table.for_each(|key: StackKey, _: Unread| {
        known &= key.0.is_some_and(is_field);
        Ok(())
    })?;
    if known {
        return Ok(());
    }
    for pair in table.pairs::<Value, Value>() {
        let (key, _) = pair?;
        let name = match &key {
            Value::String(name) => name,
            other => return Err(at.error(format!("{} key in a table of named fields", type_name(other)))),
        };
        if !is_field(&name.as_bytes()) {
            let name = name.to_string_lossy();
            return Err(at.error(format!("unknown field '{name}'{}", did_you_mean(&name, fields))));
        }
    }
    Ok(())
}

/// A table key as [`Table::for_each`] hands it over: the bytes of a string key, borrowed
/// from Lua's stack for `'step`, one step of the walk, while the callback runs. Private to
/// [`only_fields`], whose callback lets no key outlive its step.
struct StackKey<'step>(Option<&'step [u8]>);

impl FromLua for StackKey<'_> {
    fn from_lua(_: Value, _: &Lua) -> mlua::Result<Self> {
        Err(mlua::Error::runtime("a table key is read from Lua's stack only"))
    }

    unsafe fn from_stack(idx: c_int, lua: &RawLua) -> mlua::Result<Self> {
        // SAFETY: the key of the walk's step, on the stack while the callback runs.
        Ok(StackKey(string_at(lua.state(), idx)))
    }
}

/// A table value [`Table::for_each`] leaves on Lua's stack.
struct Unread;

impl mlua::FromLua for Unread {
    fn from_lua(_: Value, _: &Lua) -> mlua::Result<Self> {
        Ok(Unread)
    }

    unsafe fn from_stack(_: c_int, _: &RawLua) -> mlua::Result<Self> {
        Ok(Unread)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::raise::message;

    fn at() -> At {
        At { function: "connect", index: 2, field: None, parent: None, element: None, present: true, returned: false }
    }

    #[test]
    fn errors_are_worded_as_lua_words_its_own() {
        let lua = Lua::new();
        let err = read_number(Value::String(lua.create_string("x").unwrap()), &at().field("timeout")).unwrap_err();
        assert_eq!(message(&err), "bad argument #2 to 'connect' (field 'timeout': number expected, got string)");
        let missing = At { present: false, ..at() };
        assert_eq!(
            message(&read_table(Value::Nil, &missing).unwrap_err()),
            "bad argument #2 to 'connect' (table expected, got no value)"
        );
        let float = read_integer(Value::Number(1.5), &at()).unwrap_err();
        assert_eq!(message(&float), "bad argument #2 to 'connect' (number has no integer representation)");
    }

    #[test]
    fn only_known_fields_pass_and_a_misspelt_one_is_named() {
        let lua = Lua::new();
        let fields = ["timeout", "protocol"];
        let table: Table = lua.load("return { timeout = 1, protocol = 'chat' }").eval().unwrap();
        assert!(only_fields(&table, &at(), &fields).is_ok());
        let table: Table = lua.load("return { timeout = 1, protocl = 'chat' }").eval().unwrap();
        let err = message(&only_fields(&table, &at(), &fields).unwrap_err());
        assert_eq!(err, "bad argument #2 to 'connect' (unknown field 'protocl'; did you mean 'protocol'?)");
        let table: Table = lua.load("return { 7 }").eval().unwrap();
        let err = message(&only_fields(&table, &at(), &fields).unwrap_err());
        assert_eq!(err, "bad argument #2 to 'connect' (number key in a table of named fields)");
    }

    #[test]
    fn maps_take_string_keys_and_values_only() {
        let lua = Lua::new();
        let map: Value = lua.load("return { b = '2', a = '1' }").eval().unwrap();
        assert_eq!(read_map(map, &at()).unwrap(), vec![("a".into(), "1".into()), ("b".into(), "2".into())]);
        let map: Value = lua.load("return { a = 1 }").eval().unwrap();
        assert_eq!(
            message(&read_map(map, &at()).unwrap_err()),
            "bad argument #2 to 'connect' ('a': string expected, got number)"
        );
    }
}
