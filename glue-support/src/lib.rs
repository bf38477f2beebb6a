//! What the glue generated from `api.yaml` (and `runner.yaml`) calls: Lua values read straight
//! off Lua's stack into Rust values and written back with C API calls alone, errors worded as
//! Lua's own (`bad argument #2 to 'connect' (field 'timeout': number expected, got string)`),
//! did-you-mean for misspelt fields. Generated code names it `__wslua`; hand-written code uses
//! it by its crate name.
//!
//! `RawLua` and the `from_stack`, `from_stack_args` and `push_into_stack_multi` methods of mlua's
//! conversion traits are the hooks mlua's own conversions use, public but left out of its
//! documentation: the glue implements and calls them to read and push values on Lua's stack
//! without a reference or a `MultiValue` each. That is why mlua is pinned to one version here.

mod args;
mod push;
mod raise;
mod read;
mod text;

pub use args::*;
pub use push::*;
pub use raise::*;
pub use read::*;
pub use text::*;
