//! One small module per output; each turns the model into the text of one file.

pub mod glue;

use minijinja::Environment;

/// An environment with the formatting filters every template may use.
fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.add_filter("doc", doc);
    env.add_filter("comment", comment);
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
