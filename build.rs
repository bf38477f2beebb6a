//! Renders the binding glue from api.yaml into OUT_DIR; `src/glue.rs` includes it. The committed
//! readable copy in generated/ is written by the codegen binary, never from here.

use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=api.yaml");
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
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("glue.rs");
    std::fs::write(&out, glue).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}
