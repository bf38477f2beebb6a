//! Where `require` looks: as the stock lua5.4 of Debian, or as the environment says.

use mlua::Table;

/// Where the stock lua5.4 of Debian looks for modules: `/usr/local` first, then Debian's own
/// folders (where `apt-get install lua-cjson` puts them), then the current directory.
const DEFAULT_PATH: &str = "/usr/local/share/lua/5.4/?.lua;/usr/local/share/lua/5.4/?/init.lua;\
/usr/local/lib/lua/5.4/?.lua;/usr/local/lib/lua/5.4/?/init.lua;/usr/share/lua/5.4/?.lua;/usr/share/lua/5.4/?/init.lua;\
./?.lua;./?/init.lua";

fn default_cpath() -> String {
    // Debian's multiarch folder, e.g. x86_64-linux-gnu.
    let multiarch = format!("{}-linux-gnu", std::env::consts::ARCH);
    format!("/usr/local/lib/lua/5.4/?.so;/usr/lib/{multiarch}/lua/5.4/?.so;/usr/lib/lua/5.4/?.so;/usr/local/lib/lua/5.4/loadall.so;./?.so")
}

/// `package.path` and `package.cpath`.
pub fn set(package: &Table) -> mlua::Result<()> {
    package.set("path", search_path("LUA_PATH", DEFAULT_PATH))?;
    package.set("cpath", search_path("LUA_CPATH", &default_cpath()))
}

/// A search path as Lua reads it from the environment: `VAR_5_4`, else `VAR`, where `;;` stands
/// for the default; the default when neither is set.
fn search_path(var: &str, default: &str) -> String {
    match std::env::var(format!("{var}_5_4")).or_else(|_| std::env::var(var)) {
        Ok(value) => value.replacen(";;", &format!(";{default};"), 1),
        Err(_) => default.to_string(),
    }
}
