//! One small module per output; each turns the model into the text of one file.

pub mod glue;
#[cfg(feature = "site")]
mod highlight;
mod lua_types;
#[cfg(feature = "site")]
mod markdown;
pub mod script_api;
#[cfg(feature = "site")]
pub mod site;
pub mod stub;

use minijinja::Environment;

/// A serializable value for a template context.
fn value<T: serde::Serialize>(data: &T) -> minijinja::Value {
    minijinja::Value::from(minijinja::value::Serde(data))
}

/// Renders one template in `env`; the output ends with one newline.
fn render_template(
    mut env: Environment<'static>,
    name: &'static str,
    source: &'static str,
    context: minijinja::Value,
) -> Result<String, String> {
    env.add_template(name, source).map_err(|e| format!("{name}: {e:#}"))?;
    let text =
        env.get_template(name).and_then(|t| t.render(context)).map_err(|e| format!("rendering {name}: {e:#}"))?;
    Ok(format!("{}\n", text.trim_end()))
}

/// An environment with the formatting filters every template may use.
fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.add_filter("doc", doc);
    env.add_filter("comment", comment);
    env.add_filter("luadoc", luadoc);
    env.add_filter("oneline", oneline);
    env.add_filter("extension", extension);
    env
}

/// Formats a description as `///` lines, indented by `indent` spaces.
fn doc(text: String, indent: Option<usize>) -> String {
    prefix_lines(&text, &format!("{}///", " ".repeat(indent.unwrap_or(0))))
}

/// Formats text as `//` comment lines.
fn comment(text: String) -> String {
    prefix_lines(&text, "//")
}

fn prefix_lines(text: &str, prefix: &str) -> String {
    text.trim_end()
        .lines()
        .map(|line| if line.is_empty() { prefix.to_string() } else { format!("{prefix} {line}") })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Formats a description as LuaLS `---` lines.
fn luadoc(text: String) -> String {
    prefix_lines(&text, "---")
}

/// A description on one line, for `@field`, `@param` and list items.
pub fn oneline(text: String) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Marks the description of a wslua extension.
pub fn extension(text: String, extension: bool) -> String {
    if extension {
        format!("*(wslua extension)* {text}")
    } else {
        text
    }
}
