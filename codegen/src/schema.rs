//! Serde types that mirror `api.yaml` exactly: no defaults computed, no names resolved.
//! Unknown keys are errors, so a misspelt key is reported with its line and column.

use serde::Deserialize;
use serde_yaml::Value;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Api {
    pub module: Module,
    #[serde(default)]
    pub constants: Vec<ConstantGroup>,
    #[serde(default)]
    pub types: Vec<TypeDef>,
    #[serde(default)]
    pub functions: Vec<Function>,
    pub config: Option<Config>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Module {
    pub name: String,
    pub summary: String,
    pub description: String,
    /// Its functions are globals (`pprint`), not fields of a table named `name`.
    #[serde(default)]
    pub globals: bool,
    /// The table may have fields beyond the described ones (the runner's `socket` is LuaSocket
    /// when that is installed): the stub lets a script read any.
    #[serde(default)]
    pub open: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConstantGroup {
    pub group: String,
    #[serde(rename = "type")]
    pub ty: String,
    pub description: String,
    pub members: Vec<Constant>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Constant {
    pub name: String,
    pub value: Value,
    pub description: String,
    #[serde(default)]
    pub extension: bool,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TypeKind {
    Handle,
    Table,
    Function,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeDef {
    pub name: String,
    pub kind: TypeKind,
    pub description: String,
    /// Fields of a `table`.
    #[serde(default)]
    pub fields: Vec<Field>,
    /// Parameters of a `function` (a callback signature).
    #[serde(default)]
    pub params: Vec<Field>,
    /// What a `function` returns, in order: read back from Lua, checked like arguments.
    #[serde(default)]
    pub returns: Vec<Field>,
}

/// A function parameter, a table field, a callback parameter or a return value.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: String,
    pub description: String,
    #[serde(default)]
    pub optional: bool,
    pub default: Option<Value>,
    pub unit: Option<String>,
    /// The least value accepted, for numbers.
    pub min: Option<Value>,
    /// The greatest value accepted, for numbers.
    pub max: Option<Value>,
    /// The constant group whose members are the valid values.
    pub constants: Option<String>,
    /// For callback data fields: the events that carry the field (all if absent).
    pub events: Option<Vec<String>>,
    #[serde(default)]
    pub extension: bool,
    /// The last parameter of a function only: it takes every argument from there on (`...`).
    #[serde(default)]
    pub variadic: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Function {
    pub name: String,
    pub description: String,
    #[serde(default)]
    pub params: Vec<Field>,
    pub returns: Option<Field>,
    #[serde(default)]
    pub examples: Vec<Example>,
    #[serde(default)]
    pub extension: bool,
    /// What makes it raise a Lua error besides a wrong argument, one sentence each (markdown).
    #[serde(default)]
    pub raises: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub description: String,
    pub code: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub section: String,
    pub description: String,
    pub keys: Vec<Field>,
}

/// Parses the text of an api file; errors carry `FILE:LINE:COL`.
pub fn parse(file: &str, text: &str) -> Result<Api, String> {
    serde_yaml::from_str(text).map_err(|err| located(file, err))
}

/// Parses a file of several api documents (separated by `---`), one module each.
pub fn parse_all(file: &str, text: &str) -> Result<Vec<Api>, String> {
    serde_yaml::Deserializer::from_str(text)
        .map(|document| Api::deserialize(document).map_err(|err| located(file, err)))
        .collect()
}

fn located(file: &str, err: serde_yaml::Error) -> String {
    match err.location() {
        Some(at) => {
            // serde_yaml appends the same " at line L column C" that the prefix gives.
            let text = err.to_string();
            let suffix = format!(" at line {} column {}", at.line(), at.column());
            format!("{file}:{}:{}: {}", at.line(), at.column(), text.strip_suffix(&suffix).unwrap_or(&text))
        }
        None => format!("{file}: {err}"),
    }
}
