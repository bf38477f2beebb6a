//! One small module per output; each turns the model into the text of one file.

pub mod glue;

use minijinja::Environment;

/// An environment with the formatting filters every template may use.
fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.add_filter("doc", doc);
    env
}

/// Formats a description as `///` lines, indented by `indent` spaces.
fn doc(text: String, indent: Option<usize>) -> String {
    let pad = " ".repeat(indent.unwrap_or(0));
    text.trim_end()
        .lines()
        .map(|line| if line.is_empty() { format!("{pad}///") } else { format!("{pad}/// {line}") })
        .collect::<Vec<_>>()
        .join("\n")
}
