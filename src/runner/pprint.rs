//! `pprint`'s text, laid out as Defold's: a table in braces, one `key = value,` per line, nested
//! tables indented and closed without a comma; strings as they are.

use mlua::{Table, Value};

pub fn format(value: &Value) -> String {
    let mut out = String::new();
    let mut seen = Vec::new();
    write(&mut out, value, 0, &mut seen);
    out
}

fn write(out: &mut String, value: &Value, indent: usize, seen: &mut Vec<Table>) {
    let Value::Table(table) = value else {
        out.push_str(&scalar(value));
        return;
    };
    if seen.contains(table) {
        // Printed already (above, or around this one): its address says which.
        out.push_str(&format!("{{ --[[{:?}, printed already]] }}", table.to_pointer()));
        return;
    }
    seen.push(table.clone());
    out.push_str("{\n");
    for (key, value) in entries(table) {
        out.push_str(&" ".repeat(indent + 2));
        out.push_str(&scalar(&key));
        out.push_str(" = ");
        write(out, &value, indent + 2, seen);
        out.push_str(if matches!(value, Value::Table(_)) { "\n" } else { ",\n" });
    }
    out.push_str(&" ".repeat(indent));
    out.push('}');
}

/// The array part first, in order, then the other keys sorted by their text, so the output is
/// the same every time.
fn entries(table: &Table) -> Vec<(Value, Value)> {
    let length = table.raw_len() as i64;
    let mut rest = Vec::new();
    let mut array = Vec::new();
    for (key, value) in table.pairs::<Value, Value>().flatten() {
        match key {
            Value::Integer(i) if (1..=length).contains(&i) => array.push((i, Value::Integer(i), value)),
            key => rest.push((scalar(&key), key, value)),
        }
    }
    array.sort_by_key(|(i, _, _)| *i);
    rest.sort_by(|a, b| a.0.cmp(&b.0));
    array.into_iter().map(|(_, k, v)| (k, v)).chain(rest.into_iter().map(|(_, k, v)| (k, v))).collect()
}

fn scalar(value: &Value) -> String {
    match value {
        Value::Nil => "nil".into(),
        Value::Boolean(b) => b.to_string(),
        Value::Integer(i) => i.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.to_string_lossy(),
        Value::LightUserData(data) if data.0.is_null() => "json.null".into(),
        other => format!("{}: {:?}", other.type_name(), other.to_pointer()),
    }
}
