//! The binding glue generated from api.yaml at build time (a readable copy is committed as
//! generated/glue.rs).
// Generated code is written for clarity of the template, not for clippy's taste.
#![allow(
    clippy::let_and_return,
    clippy::redundant_closure_call,
    clippy::unnecessary_cast,
    clippy::derivable_impls,
    clippy::needless_question_mark
)]
include!(concat!(env!("OUT_DIR"), "/glue.rs"));
