//! The API reference site, `generated/site/`: the reference from the model, the manual from
//! `docs/*.md`, a search index, and the CSS and JS it needs (no external requests).

use crate::model::Model;
use crate::render::{highlight, markdown, oneline};
use minijinja::{context, Environment, Value};
use serde::Serialize;

/// A manual page: `docs/<name>.md`.
pub struct Doc {
    pub name: String,
    pub text: String,
    /// (path relative to docs/, contents) of the SVG figures the page shows.
    pub images: Vec<(String, String)>,
}

#[derive(Serialize)]
struct Page {
    href: String,
    title: String,
    html: String,
    /// (id, text) of every `##` and `###` heading.
    headings: Vec<(String, String)>,
}

#[derive(Serialize)]
struct Entry {
    name: String,
    kind: &'static str,
    text: String,
    href: String,
}

const TEMPLATES: &[(&str, &str)] = &[
    ("layout.html", include_str!("../../templates/site/layout.html")),
    ("index.html", include_str!("../../templates/site/index.html")),
    ("reference.html", include_str!("../../templates/site/reference.html")),
    ("manual.html", include_str!("../../templates/site/manual.html")),
];
const STYLE: &str = include_str!("../../templates/site/style.css");
const SEARCH: &str = include_str!("../../templates/site/search.js");

/// Every file of the site, paths relative to `generated/site/`. `docs` come in the order the
/// manual's contents lists them.
pub fn render(model: &Model, docs: &[Doc]) -> Result<Vec<(String, String)>, String> {
    let links = links(model);
    let pages: Vec<Page> = docs
        .iter()
        .map(|doc| {
            let rendered = markdown::render(&doc.text, &links);
            let title = doc.text.lines().find_map(|l| l.strip_prefix("# ")).unwrap_or(&doc.name).trim().to_string();
            Page { href: format!("{}.html", doc.name), title, html: rendered.html, headings: rendered.headings }
        })
        .collect();
    let env = environment(model, links.clone())?;
    let base =
        context! { module => super::value(&model.module), model => super::value(model), pages => super::value(&pages) };
    let render = |template: &str, extra: Value| -> Result<String, String> {
        env.get_template(template)
            .and_then(|t| t.render(context! { ..extra, ..base.clone() }))
            .map(|html| format!("{}\n", html.trim_end()))
            .map_err(|e| format!("rendering {template}: {e:#}"))
    };
    let mut files = vec![
        ("index.html".to_string(), render("index.html", context! { title => "Overview", current => "index.html" })?),
        (
            "reference.html".to_string(),
            render("reference.html", context! { title => "API reference", current => "reference.html" })?,
        ),
    ];
    for page in &pages {
        let extra = context! { title => &page.title, current => &page.href, page => super::value(page) };
        files.push((page.href.clone(), render("manual.html", extra)?));
    }
    let index = serde_json::to_string_pretty(&search_index(model, &pages, &links)).map_err(|e| e.to_string())?;
    files.push((
        "search-index.js".into(),
        format!(
            "// Generated from api.yaml and docs/ by wslua-codegen — do not edit.\nwindow.WSLUA_SEARCH = {index};\n"
        ),
    ));
    files.push(("search.js".into(), SEARCH.into()));
    files.push(("style.css".into(), STYLE.into()));
    for image in docs.iter().flat_map(|doc| &doc.images) {
        if !files.iter().any(|(path, _)| *path == image.0) {
            files.push(image.clone());
        }
    }
    Ok(files)
}

fn environment(model: &Model, links: markdown::Links) -> Result<Environment<'static>, String> {
    let mut env = super::environment();
    super::lua_types::add_filters(&mut env, model);
    for (name, source) in TEMPLATES {
        env.add_template(name, source).map_err(|e| format!("{name}: {e:#}"))?;
    }
    let block_links = links.clone();
    env.add_filter("markdown", move |text: String| Value::from_safe_string(markdown::render(&text, &block_links).html));
    let inline_links = links.clone();
    env.add_filter("markdown_inline", move |text: String| Value::from_safe_string(inline(&text, &inline_links)));
    // A long dotted name may wrap after a dot or an underscore, never inside a word.
    env.add_filter("breakable", |name: String| {
        Value::from_safe_string(highlight::escape(&name).replace('.', ".<wbr>").replace('_', "_<wbr>"))
    });
    env.add_filter("lua", |code: String| {
        Value::from_safe_string(format!("<pre class=\"lua\"><code>{}</code></pre>", highlight::lua(&code)))
    });
    // A one-line summary: the first sentence, its markdown rendered inline.
    env.add_filter("first_sentence", move |text: String| {
        let text = oneline(text);
        let sentence = text.find(". ").map_or(text.as_str(), |end| &text[..=end]);
        Value::from_safe_string(inline(sentence, &links))
    });
    Ok(env)
}

/// Markdown that fills one line: rendered, without its paragraph.
fn inline(text: &str, links: &markdown::Links) -> String {
    let html = markdown::render(text, links).html;
    html.trim().strip_prefix("<p>").and_then(|h| h.strip_suffix("</p>")).unwrap_or(&html).to_string()
}

/// Where each API name, bare or qualified with the module, links to.
fn links(model: &Model) -> markdown::Links {
    let module = &model.module.name;
    let mut links = markdown::Links::new();
    let mut add = |name: &str, anchor: &str| {
        let href = format!("reference.html#{anchor}");
        links.insert(name.to_string(), href.clone());
        links.insert(format!("{module}.{name}"), href);
    };
    for f in &model.functions {
        add(&f.name, &f.name);
    }
    for (name, anchor) in
        model.handles.iter().map(|t| (&t.name, &t.name)).chain(model.tables.iter().map(|t| (&t.name, &t.name)))
    {
        add(name, anchor);
    }
    for c in &model.callbacks {
        add(&c.name, &c.name);
    }
    for g in &model.groups {
        add(&g.name, &g.name);
        for c in &g.members {
            add(&c.name, &c.name);
        }
    }
    if let Some(config) = &model.config {
        for key in &config.keys {
            add(&key.name, &key.name);
        }
    }
    links
}

fn search_index(model: &Model, pages: &[Page], links: &markdown::Links) -> Vec<Entry> {
    let module = &model.module.name;
    let entry =
        |name: String, kind, text: &str, href: String| Entry { name, kind, text: oneline(text.to_string()), href };
    let mut entries = Vec::new();
    for f in &model.functions {
        entries.push(entry(format!("{module}.{}", f.name), "function", &f.description, links[&f.name].clone()));
        for p in &f.params {
            entries.push(entry(
                format!("{}.{}", f.name, p.name),
                "parameter",
                &p.description,
                format!("reference.html#{}.{}", f.name, p.name),
            ));
        }
    }
    for (name, lua_name, kind, description) in model
        .handles
        .iter()
        .map(|t| (&t.name, &t.lua_name, "handle", &t.description))
        .chain(model.tables.iter().map(|t| (&t.name, &t.lua_name, "table", &t.description)))
        .chain(model.callbacks.iter().map(|t| (&t.name, &t.lua_name, "callback", &t.description)))
    {
        entries.push(entry(lua_name.clone(), kind, description, links[name].clone()));
    }
    for t in &model.tables {
        for f in &t.fields {
            entries.push(entry(
                format!("{}.{}", t.name, f.name),
                "field",
                &f.description,
                format!("reference.html#{}.{}", t.name, f.name),
            ));
        }
    }
    for g in &model.groups {
        for c in &g.members {
            entries.push(entry(format!("{module}.{}", c.name), "constant", &c.description, links[&c.name].clone()));
        }
    }
    if let Some(config) = &model.config {
        for key in &config.keys {
            entries.push(entry(key.name.clone(), "config key", &key.description, links[&key.name].clone()));
        }
    }
    for page in pages {
        let title = &page.title;
        entries.push(entry(title.clone(), "manual", title, page.href.clone()));
        for (id, text) in &page.headings {
            let section = format!("{title}: {text}");
            entries.push(entry(text.clone(), "manual section", &section, format!("{}#{id}", page.href)));
        }
    }
    entries
}
