//! The glue rendered from `codegen/tests/fixture/api.yaml`; its tests (in `tests/`) drive it
//! from Lua 5.4.
include!(concat!(env!("OUT_DIR"), "/glue.rs"));
