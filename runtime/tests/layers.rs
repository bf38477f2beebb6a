//! The engine is layered bottom-up: each module uses only modules below it, so there is no
//! import cycle and the façade (`runtime`) sits on top. Read from the sources, so a new `use`
//! that points up fails here with the module and the line.

/// Bottom to top: a module may use those before it.
const ORDER: &[&str] = &[
    "executor",
    "config",
    "event",
    "channels",
    "error",
    "headers",
    "handshake",
    "response",
    "proxy",
    "tls",
    "deflate",
    "frames",
    "link",
    "registry",
    "connection",
    "client",
    "server",
    "broker",
    "runtime",
];

#[test]
fn every_module_uses_only_modules_below_it() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut modules: Vec<String> = std::fs::read_dir(&src)
        .unwrap()
        .filter_map(|e| e.unwrap().file_name().to_str()?.strip_suffix(".rs").map(str::to_string))
        .filter(|name| name != "lib")
        .collect();
    modules.sort();
    let mut listed: Vec<String> = ORDER.iter().map(|m| m.to_string()).collect();
    listed.sort();
    assert_eq!(modules, listed, "every module of src/ has its place in ORDER");
    let mut wrong = Vec::new();
    for (level, module) in ORDER.iter().enumerate() {
        let text = std::fs::read_to_string(src.join(format!("{module}.rs"))).unwrap();
        // The code, not its tests or its docs.
        let code = text.split("#[cfg(test)]").next().unwrap();
        for (n, line) in code.lines().enumerate().filter(|(_, l)| !l.trim_start().starts_with("//")) {
            for used in line
                .split("crate::")
                .skip(1)
                .map(|rest| rest.split(|c: char| !c.is_alphanumeric() && c != '_').next().unwrap())
            {
                match ORDER.iter().position(|m| *m == used) {
                    Some(at) if at < level => {}
                    Some(_) => {
                        wrong.push(format!("src/{module}.rs:{}: uses crate::{used}, which is not below it", n + 1))
                    }
                    // Items re-exported at the crate root are named by their module here.
                    None => wrong.push(format!("src/{module}.rs:{}: uses crate::{used} instead of its module", n + 1)),
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
