//! Markdown → HTML for the site: Lua code blocks highlighted, headings given ids, and inline
//! code that names an API item linked to it.

use crate::render::highlight;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::BTreeMap;

/// Names (`connect`, `EVENT_CONNECTED`, `websocket.connect`…) and the href each links to.
pub type Links = BTreeMap<String, String>;

pub struct Rendered {
    pub html: String,
    /// (id, text) of every `##` and `###` heading.
    pub headings: Vec<(String, String)>,
}

pub fn render(text: &str, links: &Links) -> Rendered {
    let events: Vec<Event> = Parser::new_ext(text, Options::ENABLE_TABLES).collect();
    let mut out = Vec::with_capacity(events.len());
    let mut headings = Vec::new();
    let mut i = 0;
    while i < events.len() {
        match &events[i] {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang))) if lang.as_ref() == "lua" => {
                let mut code = String::new();
                i += 1;
                while let Some(Event::Text(t)) = events.get(i) {
                    code.push_str(t);
                    i += 1;
                }
                out.push(Event::Html(
                    format!("<pre class=\"lua\"><code>{}</code></pre>\n", highlight::lua(&code)).into(),
                ));
            }
            Event::Start(Tag::Heading { level, .. }) if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) => {
                let text: String = events[i + 1..]
                    .iter()
                    .take_while(|e| !matches!(e, Event::End(TagEnd::Heading(_))))
                    .filter_map(|e| match e {
                        Event::Text(t) | Event::Code(t) => Some(t.to_string()),
                        _ => None,
                    })
                    .collect();
                let id = slug(&text);
                out.push(Event::Html(format!("<{level} id=\"{id}\">").into()));
                headings.push((id, text));
                i += 1;
                while !matches!(events.get(i), Some(Event::End(TagEnd::Heading(_))) | None) {
                    out.push(link_code(events[i].clone(), links));
                    i += 1;
                }
                out.push(Event::Html(format!("</{level}>\n").into()));
            }
            Event::Start(Tag::Link { dest_url, .. }) if dest_url.ends_with(".md") || dest_url.contains(".md#") => {
                // Links between manual pages point at the rendered pages.
                let mut event = events[i].clone();
                if let Event::Start(Tag::Link { dest_url, .. }) = &mut event {
                    *dest_url = CowStr::from(dest_url.replacen(".md", ".html", 1));
                }
                out.push(event);
            }
            other => out.push(link_code(other.clone(), links)),
        }
        i += 1;
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    Rendered { html, headings }
}

/// `name` as inline code, linked when it names an API item.
fn link_code<'a>(event: Event<'a>, links: &Links) -> Event<'a> {
    match &event {
        Event::Code(code) => match links.get(code.trim_end_matches("()")) {
            Some(href) => {
                Event::Html(format!("<a href=\"{href}\"><code>{}</code></a>", highlight::escape(code)).into())
            }
            None => event,
        },
        _ => event,
    }
}

/// A heading's id: lower case, words joined with '-'.
pub fn slug(text: &str) -> String {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}
