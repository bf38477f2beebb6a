//! Renders the binding glue from api.yaml into OUT_DIR; `src/glue.rs` includes it. The committed
//! readable copy in generated/ is written by the codegen binary, never from here.

use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=api.yaml");
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).to_path_buf();
    // The runner is a Lua interpreter C modules load into, as the stock lua5.4 is: they find the
    // Lua C API in the executable itself, so it exports that API (and nothing else of its own).
    if std::env::var_os("CARGO_FEATURE_RUNNER").is_some() {
        let list = out.join("lua-api.list");
        std::fs::write(&list, "{ lua_*; luaL_*; luaopen_*; };\n").unwrap_or_else(|e| panic!("{}: {e}", list.display()));
        println!("cargo:rustc-link-arg-bin=wslua=-Wl,--dynamic-list={}", list.display());
    }
    let model = match wslua_codegen::load(Path::new("api.yaml")) {
        Ok(model) => model,
        Err(errors) => {
            // One cargo:warning per line shows the errors in the build output, then fail.
            for line in errors.lines() {
                println!("cargo:warning={line}");
            }
            std::process::exit(1);
        }
    };
    let glue = wslua_codegen::render::glue::render(&model).unwrap_or_else(|e| panic!("{e}"));
    let glue_rs = out.join("glue.rs");
    std::fs::write(&glue_rs, glue).unwrap_or_else(|e| panic!("{}: {e}", glue_rs.display()));
}
