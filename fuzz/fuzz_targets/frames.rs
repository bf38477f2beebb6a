//! A server reading a client's frames, plain and with permessage-deflate (the first byte picks).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| wslua_runtime::fuzzing::run("frames", data));
