//! Renders the binding glue from api.yaml into OUT_DIR (`src/glue.rs` includes it), and for the
//! runner the glue of its globals from runner.yaml (`src/runner/mod.rs` includes that). The
//! committed readable copies in generated/ are written by the codegen binary, never from here.

use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=api.yaml");
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).to_path_buf();
    let model = loaded(wslua_codegen::load(Path::new("api.yaml")));
    write(&out.join("glue.rs"), &glue(&model));
    if std::env::var_os("CARGO_FEATURE_RUNNER").is_some() {
        runner(&out);
    }
}

/// The runner is a Lua interpreter C modules load into, as the stock lua5.4 is: they find the Lua
/// C API in the executable itself, so it exports that API (and nothing else of its own). Its
/// globals get their glue, one Rust module per Lua module, in OUT_DIR/runner_glue.rs.
fn runner(out: &Path) {
    match std::env::var("CARGO_CFG_TARGET_OS").as_deref() {
        // Apple's linker has no --dynamic-list: it exports every symbol of the executable.
        Ok("macos" | "ios") => println!("cargo:rustc-link-arg-bin=wslua=-Wl,-export_dynamic"),
        // Windows C modules link against a Lua DLL, never the executable.
        Ok("windows") => {}
        // GNU ld, gold and lld.
        _ => {
            let list = out.join("lua-api.list");
            write(&list, "{ lua_*; luaL_*; luaopen_*; };\n");
            println!("cargo:rustc-link-arg-bin=wslua=-Wl,--dynamic-list={}", list.display());
        }
    }
    println!("cargo:rerun-if-changed=runner.yaml");
    let mut modules = String::new();
    for model in loaded(wslua_codegen::load_modules(Path::new("runner.yaml"))) {
        let name = &model.module.name;
        write(&out.join(format!("runner_{name}.rs")), &glue(&model));
        modules.push_str(&format!(
            "pub mod {name} {{\n    include!(concat!(env!(\"OUT_DIR\"), \"/runner_{name}.rs\"));\n}}\n"
        ));
    }
    write(&out.join("runner_glue.rs"), &modules);
}

/// A loaded description, or its errors as build output (one cargo:warning per line) and a
/// failed build.
fn loaded<T>(result: Result<T, String>) -> T {
    result.unwrap_or_else(|errors| {
        for line in errors.lines() {
            println!("cargo:warning={line}");
        }
        std::process::exit(1);
    })
}

fn glue(model: &wslua_codegen::Model) -> String {
    wslua_codegen::render::glue::render(model).unwrap_or_else(|e| panic!("{e}"))
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}
