//! Sec-WebSocket-Extensions as a server reads an offer and a client reads the answer.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| wslua_runtime::fuzzing::run("extension_headers", data));
