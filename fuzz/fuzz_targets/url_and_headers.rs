//! URLs as connect and http.request read them, and connect's custom headers.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| wslua_runtime::fuzzing::run("url_and_headers", data));
