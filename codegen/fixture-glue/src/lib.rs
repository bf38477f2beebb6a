//! The glue rendered from `codegen/tests/fixture/api.yaml`; its tests (in `tests/`) drive it
//! from LuaJIT (the runner's default VM).
#![allow(
    clippy::let_and_return,
    clippy::redundant_closure_call,
    clippy::unnecessary_cast,
    clippy::derivable_impls,
    clippy::needless_question_mark
)]
include!(concat!(env!("OUT_DIR"), "/glue.rs"));
