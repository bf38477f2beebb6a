//! Renders the glue of the codegen fixture, so the tests can drive it from real Lua.

use std::path::Path;

fn main() {
    let api = Path::new("../tests/fixture/api.yaml");
    println!("cargo:rerun-if-changed={}", api.display());
    let model = wslua_codegen::load(api).unwrap_or_else(|e| panic!("{e}"));
    let glue = wslua_codegen::render::glue::render(&model).unwrap_or_else(|e| panic!("{e}"));
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).to_path_buf();
    std::fs::write(out.join("glue.rs"), glue).expect("writing the fixture glue");
}
