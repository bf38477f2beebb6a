//! A client reading a proxy's answer to CONNECT.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| wslua_runtime::fuzzing::run("proxy_answer", data));
