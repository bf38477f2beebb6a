//! The loadable module is a workspace of its own (module/, see its manifest), with a lock file of
//! its own: every package both lock files hold is locked at a version the root's has, so the
//! module is built from the code the root's tests ran.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Every package of a Cargo.lock and the versions it is locked at.
fn locked(path: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut packages: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for block in text.split("[[package]]").skip(1) {
        let field =
            |key: &str| block.lines().find_map(|line| line.strip_prefix(key)?.strip_prefix(" = \"")?.strip_suffix('"'));
        if let (Some(name), Some(version)) = (field("name"), field("version")) {
            packages.entry(name.to_string()).or_default().insert(version.to_string());
        }
    }
    packages
}

#[test]
fn the_module_locks_the_versions_the_root_locks() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (workspace, module) = (locked(&root.join("Cargo.lock")), locked(&root.join("module/Cargo.lock")));
    assert!(module.contains_key("mlua") && module.contains_key("wslua-runtime"), "module/Cargo.lock read");
    let differing: Vec<String> = module
        .iter()
        .filter_map(|(name, versions)| {
            let root_versions = workspace.get(name)?;
            let odd: Vec<&String> = versions.difference(root_versions).collect();
            (!odd.is_empty()).then(|| format!("{name}: module {odd:?}, root {root_versions:?}"))
        })
        .collect();
    assert!(
        differing.is_empty(),
        "module/Cargo.lock differs from Cargo.lock (run `cargo update --manifest-path module/Cargo.toml -p NAME \
         --precise VERSION` for each):\n{}",
        differing.join("\n")
    );
}
