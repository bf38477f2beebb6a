//! A client reading the body of a refused upgrade.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| wslua_runtime::fuzzing::run("refusal_body", data));
