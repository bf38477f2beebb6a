//! game.project as the runner and the module read it: a project or an error, never a panic.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = wslua::project::Project::parse(text);
    }
});
