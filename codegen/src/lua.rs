//! What the generator knows of Lua itself.

/// Lua's reserved words: none can name a field (`data.end` does not parse), and the site's code
/// highlights them.
pub const KEYWORDS: &[&str] = &[
    "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in", "local", "nil",
    "not", "or", "repeat", "return", "then", "true", "until", "while",
];
