//! A server reading and checking an upgrade request's head.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| wslua_runtime::fuzzing::run("upgrade_request", data));
