//! The binding glue generated from api.yaml at build time (a readable copy is committed as
//! generated/glue.rs).
include!(concat!(env!("OUT_DIR"), "/glue.rs"));
