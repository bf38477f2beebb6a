//! The generated reference site in headless Chromium (Debian's `chromium`, driven by
//! `tests/site/check_site.js` through playwright-core; both installed by scripts/test): every
//! page loads without a console error or an outside request, every link and anchor resolves,
//! every name in api.yaml has its element, and the search finds `stop_listening` from `stop_l`.
//! The index's screenshot is left in `tests/artifacts/site-index.png`.

mod common;

use common::*;

/// The id of every item of api.yaml in reference.html: top-level names bare, members qualified
/// by their owner.
fn expected_ids() -> Vec<String> {
    let model = wslua_codegen::load(&repo().join("api.yaml")).unwrap();
    let mut ids = vec!["functions".to_string(), "types".into(), "constants".into()];
    for f in &model.functions {
        ids.push(f.name.clone());
        ids.extend(f.params.iter().chain(&f.returns).map(|p| format!("{}.{}", f.name, p.name)));
    }
    ids.extend(model.handles.iter().map(|h| h.name.clone()));
    for t in &model.tables {
        ids.push(t.name.clone());
        ids.extend(t.fields.iter().map(|f| format!("{}.{}", t.name, f.name)));
    }
    for c in &model.callbacks {
        ids.push(c.name.clone());
        ids.extend(c.params.iter().map(|p| format!("{}.{}", c.name, p.name)));
    }
    for g in &model.groups {
        ids.push(g.name.clone());
        ids.extend(g.members.iter().map(|c| c.name.clone()));
    }
    if let Some(config) = &model.config {
        ids.push("config".into());
        ids.extend(config.keys.iter().map(|k| k.name.clone()));
    }
    ids
}

#[test]
fn the_site_works_in_a_browser() {
    let dir = scratch("site");
    let expected = dir.join("ids.json");
    std::fs::write(&expected, serde_json::to_string(&expected_ids()).unwrap()).unwrap();
    let out = playwright()
        .arg(repo().join("tests/site/check_site.js"))
        .arg(repo().join("generated/site"))
        .arg(&expected)
        .arg(repo().join("tests/artifacts/site-index.png"))
        .output()
        .expect("running node");
    std::fs::remove_dir_all(&dir).unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    eprintln!("{report}");
    assert!(out.status.success(), "{report}\n{}", String::from_utf8_lossy(&out.stderr));
}
