//! wslua: the `websocket` Lua module (Defold's `extension-websocket` API) on the
//! `wslua-runtime` engine.
//!
//! [`glue`] is generated from `api.yaml`; [`Host`] implements its trait, one short method per Lua
//! function, and pumps runtime events into the Lua callbacks. The `wslua` runner
//! (`src/bin/wslua.rs`) and the loadable module (`module/`) both open the library through
//! [`open`].

pub mod glue;
mod host;
pub mod logger;
pub mod project;
#[cfg(feature = "runner")]
pub mod runner;

pub use host::Host;

/// Builds the `websocket` table on `lua` with `host` behind it.
pub fn open(lua: &mlua::Lua, host: &Host) -> mlua::Result<mlua::Table> {
    glue::register(lua, host.clone())
}

/// The entry point of the loadable module: configuration from `./game.project` when there is one.
pub fn module(lua: &mlua::Lua) -> mlua::Result<mlua::Table> {
    let project = project::Project::load_default().map_err(mlua::Error::RuntimeError)?;
    logger::init(project.websocket.debug);
    open(lua, &Host::new(project.runtime_config()))
}
