//! Where `require` looks: as the stock interpreter of Debian for the runner's VM (`luajit`, or
//! `lua5.4`), or as the environment says.

use mlua::Table;

/// The Lua version whose modules the runner loads: LuaJIT runs Lua 5.1's.
#[cfg(feature = "luajit")]
const VERSION: &str = "5.1";
#[cfg(feature = "lua54")]
const VERSION: &str = "5.4";

/// The environment variables that win over `LUA_PATH`/`LUA_CPATH`, as the stock interpreter
/// reads them: lua5.4 has `LUA_PATH_5_4`; LuaJIT reads only the plain names.
#[cfg(feature = "luajit")]
const VERSIONED_SUFFIX: Option<&str> = None;
#[cfg(feature = "lua54")]
const VERSIONED_SUFFIX: Option<&str> = Some("_5_4");

/// Where Debian's interpreter looks for Lua modules: `/usr/local` first, then Debian's own
/// folders (where `apt-get install lua-cjson` puts them), then the current directory.
fn default_path() -> String {
    let v = VERSION;
    format!(
        "/usr/local/share/lua/{v}/?.lua;/usr/local/share/lua/{v}/?/init.lua;/usr/local/lib/lua/{v}/?.lua;\
         /usr/local/lib/lua/{v}/?/init.lua;/usr/share/lua/{v}/?.lua;/usr/share/lua/{v}/?/init.lua;./?.lua;./?/init.lua"
    )
}

fn default_cpath() -> String {
    // Debian's multiarch folder, e.g. x86_64-linux-gnu.
    let multiarch = format!("{}-linux-gnu", std::env::consts::ARCH);
    let v = VERSION;
    format!("/usr/local/lib/lua/{v}/?.so;/usr/lib/{multiarch}/lua/{v}/?.so;/usr/lib/lua/{v}/?.so;/usr/local/lib/lua/{v}/loadall.so;./?.so")
}

/// `package.path` and `package.cpath`.
pub fn set(package: &Table) -> mlua::Result<()> {
    package.set("path", search_path("LUA_PATH", &default_path()))?;
    package.set("cpath", search_path("LUA_CPATH", &default_cpath()))
}

/// A search path as Lua reads it from the environment: the versioned variable, else `var`, where
/// `;;` stands for the default; the default when neither is set.
fn search_path(var: &str, default: &str) -> String {
    let versioned = VERSIONED_SUFFIX.and_then(|suffix| std::env::var(format!("{var}{suffix}")).ok());
    match versioned.map_or_else(|| std::env::var(var), Ok) {
        Ok(value) => value.replacen(";;", &format!(";{default};"), 1),
        Err(_) => default.to_string(),
    }
}
