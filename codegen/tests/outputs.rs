//! What the generator writes: every description reaches every output, `api.yaml` covers the
//! reference API, and `--check` notices a stale `generated/`.

use std::path::Path;
use std::process::Command;

const SENTINELS: &[&str] = &[
    "SENTINEL-MODULE",
    "SENTINEL-GROUP",
    "SENTINEL-CONSTANT",
    "SENTINEL-HANDLE",
    "SENTINEL-TABLE",
    "SENTINEL-FIELD",
    "SENTINEL-EVENT-FIELD",
    "SENTINEL-CALLBACK",
    "SENTINEL-FUNCTION",
    "SENTINEL-PARAM",
    "SENTINEL-RETURN",
    "SENTINEL-EXAMPLE",
    "SENTINEL-CONFIG",
    "SENTINEL-KEY",
];

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

#[test]
fn every_sentinel_description_reaches_every_output() {
    let model = wslua_codegen::load(Path::new("tests/fixture/api.yaml")).unwrap();
    let outputs = wslua_codegen::outputs::all(&model, &[], &[]).unwrap();
    // Each face: the glue, the LuaLS stub, the Defold .script_api, the site's pages together.
    for face in ["glue.rs", "lua/", "defold/", "site/"] {
        let text: String =
            outputs.iter().filter(|(name, _)| name.starts_with(face)).map(|(_, text)| text.as_str()).collect();
        assert!(!text.is_empty(), "no output for {face}");
        let missing: Vec<_> = SENTINELS.iter().filter(|s| !text.contains(*s)).collect();
        assert!(missing.is_empty(), "{face} lacks {missing:?}");
    }
}

#[test]
fn api_yaml_covers_the_reference_api_and_the_server() {
    let api = wslua_codegen::load(&root().join("api.yaml")).unwrap();
    let reference = std::fs::read_to_string(root().join("tests/reference/websocket.script_api")).unwrap();
    let mut names: Vec<String> = api.functions.iter().map(|f| f.name.clone()).collect();
    names.extend(api.groups.iter().flat_map(|g| g.members.iter().map(|c| c.name.clone())));
    // Every `- name:` of the reference that is a module member, parameter or data field.
    for line in reference.lines().map(str::trim).filter_map(|l| l.strip_prefix("- name: ")) {
        let known = names.iter().any(|n| n == line)
            || api.functions.iter().any(|f| f.params.iter().any(|p| p.name == line))
            || api.tables.iter().any(|t| t.fields.iter().any(|f| f.name == line))
            || api.callbacks.iter().any(|c| c.params.iter().any(|p| p.name == line))
            || line == "websocket";
        assert!(known, "api.yaml lacks the reference's '{line}'");
    }
    for name in ["listen", "stop_listening", "DATA_TYPE_TEXT", "DATA_TYPE_BINARY"] {
        assert!(names.iter().any(|n| n == name), "api.yaml lacks {name}");
    }
    let data = api.tables.iter().find(|t| t.name == "callback_data").unwrap();
    for field in ["request_method", "request_resource", "ip_address", "port"] {
        assert!(data.fields.iter().any(|f| f.name == field), "callback_data lacks {field}");
    }
    let keys: Vec<_> = api.config.as_ref().unwrap().keys.iter().map(|k| k.name.as_str()).collect();
    for key in ["debug", "socket_timeout", "max_message_size", "buffer_size"] {
        assert!(keys.contains(&key), "config lacks {key}");
    }
    let values: Vec<_> =
        api.groups.iter().flat_map(|g| &g.members).map(|c| format!("{}={}", c.name, c.value)).collect();
    for expected in [
        "EVENT_CONNECTED=0",
        "EVENT_DISCONNECTED=1",
        "EVENT_MESSAGE=2",
        "EVENT_ERROR=3",
        "DATA_TYPE_TEXT=1",
        "DATA_TYPE_BINARY=2",
    ] {
        assert!(values.iter().any(|v| v == expected), "{expected} not in {values:?}");
    }
}

fn check(api: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_wslua-codegen"))
        .arg("--check")
        .arg("--api")
        .arg(api)
        .arg("--out")
        .arg(root().join("generated"))
        .output()
        .unwrap()
}

#[test]
fn check_passes_on_the_committed_tree_and_fails_after_a_description_changes() {
    let clean = check(&root().join("api.yaml"));
    assert!(clean.status.success(), "generated/ is stale: {}", String::from_utf8_lossy(&clean.stderr));

    let touched = std::env::temp_dir().join(format!("wslua-check-{}.yaml", std::process::id()));
    let text = std::fs::read_to_string(root().join("api.yaml")).unwrap();
    std::fs::write(&touched, text.replacen("Connects to a remote address.", "Connects to a remote address!", 1))
        .unwrap();
    let stale = check(&touched);
    std::fs::remove_file(&touched).unwrap();
    let stderr = String::from_utf8_lossy(&stale.stderr);
    assert!(!stale.status.success());
    assert!(stderr.contains("run `cargo run -p wslua-codegen`"), "{stderr}");
    assert!(stderr.contains("generated/glue.rs"), "{stderr}");
}

/// `theirs` (from the reference) is matched by `ours`: the same type (or a list holding it), parameters in the same
/// order (ours may add more after them), and every member and return value of theirs present
/// in ours with the same type.
fn matches(theirs: &serde_yaml::Value, ours: &serde_yaml::Value, path: &str) {
    // Ours may widen a type into a list holding it (`headers`: a string or, ours, a table).
    let widened = ours["type"].as_sequence().is_some_and(|types| types.contains(&theirs["type"]));
    assert!(ours["type"] == theirs["type"] || widened, "{path}: type {:?}, theirs {:?}", ours["type"], theirs["type"]);
    let list = |v: &serde_yaml::Value, key: &str| v[key].as_sequence().cloned().unwrap_or_default();
    let (their_params, our_params) = (list(theirs, "parameters"), list(ours, "parameters"));
    assert!(our_params.len() >= their_params.len(), "{path}: fewer parameters");
    for (theirs, ours) in their_params.iter().zip(&our_params) {
        assert_eq!(ours["name"], theirs["name"], "{path}: parameter order");
        matches(theirs, ours, &format!("{path}.{}", theirs["name"].as_str().unwrap()));
    }
    for key in ["members", "returns"] {
        let ours = list(ours, key);
        for theirs in list(theirs, key) {
            let name = theirs["name"].as_str().unwrap();
            let found = ours
                .iter()
                .find(|o| o["name"] == theirs["name"])
                .unwrap_or_else(|| panic!("{path}: no {key} '{name}'"));
            matches(&theirs, found, &format!("{path}.{name}"));
        }
    }
}

#[test]
fn the_defold_script_api_matches_the_reference_and_adds_ours() {
    let read =
        |path: &Path| -> serde_yaml::Value { serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap() };
    let reference = read(&root().join("tests/reference/websocket.script_api"));
    let ours = read(&root().join("generated/defold/websocket.script_api"));
    matches(&reference[0], &ours[0], "websocket");
    let names: Vec<&str> =
        ours[0]["members"].as_sequence().unwrap().iter().filter_map(|m| m["name"].as_str()).collect();
    for added in ["listen", "stop_listening", "update", "run", "DATA_TYPE_TEXT", "DATA_TYPE_BINARY"] {
        assert!(names.contains(&added), "{added} missing from {names:?}");
    }
}

/// The site speaks Lua: a default or a value is written `true`, `false`, `nil`, never as the
/// template engine's Python would (`True`, `False`, `None`); and the reference says what
/// `connect` and `listen` raise.
#[test]
fn the_site_writes_lua_values_and_what_functions_raise() {
    let site = root().join("generated/site");
    for entry in std::fs::read_dir(&site).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let words = text.split(|c: char| !c.is_alphanumeric() && c != '_');
        let python: Vec<&str> = words.filter(|w| matches!(*w, "True" | "False" | "None")).collect();
        assert!(python.is_empty(), "{}: {python:?}", path.display());
    }
    let reference = std::fs::read_to_string(site.join("reference.html")).unwrap();
    for function in ["connect", "listen"] {
        let section = reference.split(&format!("<section class=\"item\" id=\"{function}\">")).nth(1).unwrap();
        let section = section.split("</section>").next().unwrap();
        assert!(section.contains("<h4>Raises</h4>"), "{function} says nothing of what it raises");
    }
    assert!(reference.contains("default <code>true</code>"), "tls_client.verify's default, as Lua writes it");
}
