//! Lua syntax highlighting at generation time: the site ships colored HTML, no highlighter JS.

use crate::lua::KEYWORDS;

/// `code` as HTML with `<span class="…">` around keywords (`kw`), strings (`str`), comments
/// (`com`) and numbers (`num`); everything is HTML-escaped.
pub fn lua(code: &str) -> String {
    let chars: Vec<char> = code.chars().collect();
    let mut out = String::with_capacity(code.len() * 2);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        let class = if c == '-' && chars.get(i + 1) == Some(&'-') {
            i += 2;
            match long_bracket(&chars, i) {
                Some(end) => i = end,
                None => i = find(&chars, i, |c| c == '\n'),
            }
            Some("com")
        } else if c == '"' || c == '\'' {
            i += 1;
            while i < chars.len() && chars[i] != c && chars[i] != '\n' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i = (i + 1).min(chars.len());
            Some("str")
        } else if let Some(end) = (c == '[').then(|| long_bracket(&chars, i)).flatten() {
            i = end;
            Some("str")
        } else if c.is_ascii_digit() || (c == '.' && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit())) {
            i = find(&chars, i, |c| !(c.is_ascii_alphanumeric() || c == '.'));
            Some("num")
        } else if c.is_alphabetic() || c == '_' {
            i = find(&chars, i, |c| !(c.is_alphanumeric() || c == '_'));
            let word: String = chars[start..i].iter().collect();
            KEYWORDS.contains(&word.as_str()).then_some("kw")
        } else {
            i += 1;
            None
        };
        let text: String = chars[start..i].iter().collect();
        match class {
            Some(class) => out.push_str(&format!("<span class=\"{class}\">{}</span>", escape(&text))),
            None => out.push_str(&escape(&text)),
        }
    }
    out
}

fn find(chars: &[char], from: usize, stop: impl Fn(char) -> bool) -> usize {
    (from..chars.len()).find(|&i| stop(chars[i])).unwrap_or(chars.len())
}

/// The end of a `[[...]]` / `[==[...]==]` starting at `at`, if one starts there.
fn long_bracket(chars: &[char], at: usize) -> Option<usize> {
    if chars.get(at) != Some(&'[') {
        return None;
    }
    let level = chars[at + 1..].iter().take_while(|c| **c == '=').count();
    if chars.get(at + 1 + level) != Some(&'[') {
        return None;
    }
    let close: Vec<char> =
        std::iter::once(']').chain(std::iter::repeat_n('=', level)).chain(std::iter::once(']')).collect();
    let body = at + 2 + level;
    let end = (body..chars.len()).find(|&i| chars[i..].starts_with(&close)).map_or(chars.len(), |i| i + close.len());
    Some(end)
}

pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    #[test]
    fn marks_keywords_strings_comments_and_numbers() {
        let html = super::lua("local s = \"a<b\" -- note\nif x == 3 then return [[raw]] end");
        assert_eq!(
            html,
            "<span class=\"kw\">local</span> s = <span class=\"str\">&quot;a&lt;b&quot;</span> \
             <span class=\"com\">-- note</span>\n<span class=\"kw\">if</span> x == <span class=\"num\">3</span> \
             <span class=\"kw\">then</span> <span class=\"kw\">return</span> <span class=\"str\">[[raw]]</span> \
             <span class=\"kw\">end</span>"
        );
    }
}
