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

/// Every file of the site, paths relative to `generated/site/`. `model` is the `websocket`
/// module (`reference.html`); each of `runner` gets a page of its own (`json.html`, ...). `docs`
/// come in the order the manual's contents lists them.
pub fn render(model: &Model, runner: &[Model], docs: &[Doc]) -> Result<Vec<(String, String)>, String> {
    let references: Vec<(&Model, String)> = std::iter::once((model, "reference.html".to_string()))
        .chain(runner.iter().map(|m| (m, format!("{}.html", m.module.name))))
        .collect();
    let mut links = markdown::Links::new();
    for (module, href) in &references {
        add_links(&mut links, module, href, module.module.name == model.module.name);
    }
    let pages: Vec<Page> = docs
        .iter()
        .map(|doc| {
            let rendered = markdown::render(&doc.text, &links);
            let title = doc.text.lines().find_map(|l| l.strip_prefix("# ")).unwrap_or(&doc.name).trim().to_string();
            Page { href: format!("{}.html", doc.name), title, html: rendered.html, headings: rendered.headings }
        })
        .collect();
    let runner_pages: Vec<RunnerPage> = runner
        .iter()
        .map(|m| RunnerPage {
            name: m.module.name.clone(),
            href: format!("{}.html", m.module.name),
            globals: m.module.globals,
        })
        .collect();
    let env = environment(model, links.clone())?;
    let base =
        context! { api => super::value(model), runner => super::value(&runner_pages), pages => super::value(&pages) };
    let render = |template: &str, shown: &Model, extra: Value| -> Result<String, String> {
        let of = context! { module => super::value(&shown.module), model => super::value(shown) };
        env.get_template(template)
            .and_then(|t| t.render(context! { ..extra, ..of, ..base.clone() }))
            .map(|html| format!("{}\n", html.trim_end()))
            .map_err(|e| format!("rendering {template}: {e:#}"))
    };
    let mut files = vec![(
        "index.html".to_string(),
        render("index.html", model, context! { title => "Overview", current => "index.html" })?,
    )];
    for (module, href) in &references {
        let (title, source) = match module.module.name == model.module.name {
            true => ("API reference".to_string(), "api.yaml"),
            false => (format!("{} (runner)", module.module.name), "runner.yaml"),
        };
        let extra = context! { title => title, current => href, source => source };
        files.push((href.clone(), render("reference.html", module, extra)?));
    }
    for page in &pages {
        let extra = context! { title => &page.title, current => &page.href, page => super::value(page) };
        files.push((page.href.clone(), render("manual.html", model, extra)?));
    }
    let mut entries: Vec<Entry> = references.iter().flat_map(|(module, href)| api_entries(module, href)).collect();
    entries.extend(manual_entries(&pages));
    let index = serde_json::to_string_pretty(&entries).map_err(|e| e.to_string())?;
    files.push((
        "search-index.js".into(),
        format!(
            "// Generated from api.yaml, runner.yaml and docs/ by wslua-codegen — do not edit.\nwindow.WSLUA_SEARCH = {index};\n"
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

/// A runner module's page, for the sidebar and the index.
#[derive(Serialize)]
struct RunnerPage {
    name: String,
    href: String,
    globals: bool,
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

/// Where the API names of `model`, whose reference is `page`, link to: qualified with the
/// module (`json.encode`), and bare too for the main module (`connect`) and for globals
/// (`pprint`).
fn add_links(links: &mut markdown::Links, model: &Model, page: &str, main: bool) {
    let module = &model.module.name;
    let bare = main || model.module.globals;
    let mut add = |name: &str| {
        let href = format!("{page}#{name}");
        if bare {
            links.insert(name.to_string(), href.clone());
        }
        links.insert(format!("{module}.{name}"), href);
    };
    for f in &model.functions {
        add(&f.name);
    }
    for name in model.handles.iter().map(|t| &t.name).chain(model.tables.iter().map(|t| &t.name)) {
        add(name);
    }
    for c in &model.callbacks {
        add(&c.name);
    }
    for g in &model.groups {
        add(&g.name);
        for c in &g.members {
            add(&c.name);
        }
    }
    for key in model.config.iter().flat_map(|c| &c.keys) {
        add(&key.name);
    }
}

fn entry(name: String, kind: &'static str, text: &str, href: String) -> Entry {
    Entry { name, kind, text: oneline(text.to_string()), href }
}

/// The search entries of one module's reference, `page`.
fn api_entries(model: &Model, page: &str) -> Vec<Entry> {
    let module = &model.module.name;
    let qualified = |name: &str| if model.module.globals { name.to_string() } else { format!("{module}.{name}") };
    let at = |anchor: &str| format!("{page}#{anchor}");
    let mut entries = Vec::new();
    for f in &model.functions {
        entries.push(entry(qualified(&f.name), "function", &f.description, at(&f.name)));
        for p in &f.params {
            let anchor = format!("{}.{}", f.name, p.name);
            entries.push(entry(anchor.clone(), "parameter", &p.description, at(&anchor)));
        }
    }
    for (name, lua_name, kind, description) in model
        .handles
        .iter()
        .map(|t| (&t.name, &t.lua_name, "handle", &t.description))
        .chain(model.tables.iter().map(|t| (&t.name, &t.lua_name, "table", &t.description)))
        .chain(model.callbacks.iter().map(|t| (&t.name, &t.lua_name, "callback", &t.description)))
    {
        entries.push(entry(lua_name.clone(), kind, description, at(name)));
    }
    for t in &model.tables {
        for f in &t.fields {
            let anchor = format!("{}.{}", t.name, f.name);
            entries.push(entry(anchor.clone(), "field", &f.description, at(&anchor)));
        }
    }
    for c in model.groups.iter().flat_map(|g| &g.members) {
        entries.push(entry(qualified(&c.name), "constant", &c.description, at(&c.name)));
    }
    for key in model.config.iter().flat_map(|c| &c.keys) {
        entries.push(entry(key.name.clone(), "config key", &key.description, at(&key.name)));
    }
    entries
}

fn manual_entries(pages: &[Page]) -> Vec<Entry> {
    let mut entries = Vec::new();
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
