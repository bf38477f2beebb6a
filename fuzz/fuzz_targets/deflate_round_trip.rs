//! Messages through the compressing side and back through the inflating side.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| wslua_runtime::fuzzing::run("deflate_round_trip", data));
