//! `sys` as Defold's: ending the run, `game.project`'s settings, save files, and what the system
//! is (its name and version, the user's language and time zone, its network interfaces).

use super::glue::sys::{EngineInfo, Ifaddr, SysApi, SysInfo, SysInfoOptions};
use super::{savefile, Runner};
use mlua::{Lua, Value};
use std::path::{Path, PathBuf};

fn error(message: String) -> mlua::Error {
    mlua::Error::RuntimeError(message)
}

impl Runner {
    /// A setting parsed as `T`, `default` when absent; a setting that does not parse is an
    /// error naming it.
    pub(super) fn setting<T: std::str::FromStr>(&self, key: &str, default: T, what: &str) -> mlua::Result<T> {
        match self.0.settings.get(key) {
            None => Ok(default),
            Some(text) => text.trim().parse().map_err(|_| error(format!("{key} = '{text}' is not {what}"))),
        }
    }
}

impl SysApi for Runner {
    fn exit(&self, _: &Lua, code: i64) -> mlua::Result<()> {
        // The glue has checked it is 0..=255.
        self.0.exit.by_script(u8::try_from(code).unwrap_or(1));
        Ok(())
    }

    fn get_config(&self, _: &Lua, key: String, default: Option<String>) -> mlua::Result<Option<String>> {
        Ok(self.0.settings.get(&key).cloned().or(default))
    }

    fn get_config_string(&self, lua: &Lua, key: String, default: Option<String>) -> mlua::Result<Option<String>> {
        self.get_config(lua, key, default)
    }

    fn get_config_int(&self, _: &Lua, key: String, default: i64) -> mlua::Result<i64> {
        self.setting(&key, default, "a whole number")
    }

    fn get_config_number(&self, _: &Lua, key: String, default: f64) -> mlua::Result<f64> {
        self.setting(&key, default, "a number")
    }

    fn get_save_file(&self, _: &Lua, application_id: String, file_name: String) -> mlua::Result<String> {
        for (what, name) in [("application_id", &application_id), ("file_name", &file_name)] {
            if name.is_empty() || name == "." || name == ".." || name.contains(['/', '\\', '\0']) {
                return Err(error(format!("{what} '{name}' is not a file name")));
            }
        }
        let dir = save_folder(&application_id).ok_or_else(|| error("no home folder (HOME is unset)".into()))?;
        std::fs::create_dir_all(&dir).map_err(|e| error(format!("cannot make '{}': {e}", dir.display())))?;
        Ok(dir.join(file_name).to_string_lossy().into_owned())
    }

    fn save(&self, _: &Lua, filename: String, table: Value) -> mlua::Result<bool> {
        let Value::Table(table) = table else {
            return Err(mlua::Error::external(format!(
                "bad argument #2 to 'save' (table expected, got {})",
                table.type_name()
            )));
        };
        savefile::save(Path::new(&filename), &table).map_err(error)?;
        Ok(true)
    }

    fn load(&self, lua: &Lua, filename: String) -> mlua::Result<Value> {
        savefile::load(lua, Path::new(&filename)).map(Value::Table).map_err(error)
    }

    fn get_sys_info(&self, _: &Lua, options: SysInfoOptions) -> mlua::Result<SysInfo> {
        let (language, territory) = locale();
        let device_language = if territory.is_empty() { language.clone() } else { format!("{language}-{territory}") };
        let (system_name, system_version) = system();
        let device_ident = (!options.ignore_secure)
            .then(|| std::fs::read_to_string("/etc/machine-id").ok().map(|id| id.trim().to_string()))
            .flatten();
        Ok(SysInfo {
            device_model: String::new(),
            manufacturer: String::new(),
            system_name,
            system_version,
            api_version: String::new(),
            language,
            device_language,
            territory,
            gmt_offset: gmt_offset_minutes(),
            device_ident,
            user_agent: format!("wslua/{}", env!("CARGO_PKG_VERSION")),
        })
    }

    fn get_engine_info(&self, _: &Lua) -> mlua::Result<EngineInfo> {
        Ok(EngineInfo {
            version: env!("CARGO_PKG_VERSION").to_string(),
            version_sha1: String::new(),
            is_debug: cfg!(debug_assertions),
        })
    }

    fn get_ifaddrs(&self, _: &Lua) -> mlua::Result<Vec<Ifaddr>> {
        interfaces().map_err(|e| error(format!("cannot list the network interfaces: {e}")))
    }
}

/// Where Defold keeps an application's files on this system.
fn save_folder(application_id: &str) -> Option<PathBuf> {
    let home = std::env::var_os("HOME").map(PathBuf::from);
    if cfg!(target_os = "macos") {
        return Some(home?.join("Library/Application Support").join(application_id));
    }
    if cfg!(windows) {
        return Some(PathBuf::from(std::env::var_os("APPDATA")?).join(application_id));
    }
    // Older Defold versions used ~/.APPLICATION_ID; one that exists is still used.
    if let Some(legacy) = home.as_ref().map(|h| h.join(format!(".{application_id}"))).filter(|p| p.is_dir()) {
        return Some(legacy);
    }
    let data = std::env::var_os("XDG_DATA_HOME").map(PathBuf::from).filter(|p| p.is_absolute());
    Some(data.or_else(|| home.map(|h| h.join(".local/share")))?.join(application_id))
}

/// The user's language and territory from the locale variables, as POSIX reads them
/// (`LC_ALL`, then `LC_MESSAGES`, then `LANG`): `en_US.UTF-8` is `("en", "US")`.
fn locale() -> (String, String) {
    let named = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
        .unwrap_or_default();
    parse_locale(&named)
}

fn parse_locale(named: &str) -> (String, String) {
    let name = named.split(['.', '@']).next().unwrap_or_default();
    let (language, territory) = name.split_once('_').unwrap_or((name, ""));
    let valid = |s: &str, n: usize| s.len() >= n && s.len() <= 3 && s.chars().all(|c| c.is_ascii_alphabetic());
    if !valid(language, 2) {
        // "C", "POSIX" or unset: the language of C's messages.
        return ("en".into(), String::new());
    }
    let territory = if valid(territory, 2) { territory.to_ascii_uppercase() } else { String::new() };
    (language.to_ascii_lowercase(), territory)
}

#[cfg(unix)]
fn system() -> (String, String) {
    // SAFETY: uname fills the struct it is given; its fields are NUL-terminated.
    unsafe {
        let mut names: libc::utsname = std::mem::zeroed();
        if libc::uname(&mut names) != 0 {
            return (std::env::consts::OS.into(), String::new());
        }
        let text = |field: &[libc::c_char]| std::ffi::CStr::from_ptr(field.as_ptr()).to_string_lossy().into_owned();
        (text(&names.sysname), text(&names.release))
    }
}

#[cfg(not(unix))]
fn system() -> (String, String) {
    ("Windows".into(), String::new())
}

#[cfg(unix)]
fn gmt_offset_minutes() -> i64 {
    // SAFETY: localtime_r writes only the struct it is given.
    unsafe {
        let now = libc::time(std::ptr::null_mut());
        let mut local: libc::tm = std::mem::zeroed();
        if libc::localtime_r(&now, &mut local).is_null() {
            return 0;
        }
        local.tm_gmtoff / 60
    }
}

#[cfg(not(unix))]
fn gmt_offset_minutes() -> i64 {
    0
}

/// One entry per interface address (and one with no address for an interface that has none),
/// its hardware address from the interface's link-layer entry.
#[cfg(target_os = "linux")]
fn interfaces() -> std::io::Result<Vec<Ifaddr>> {
    use std::net::{Ipv4Addr, Ipv6Addr};
    let mut found: Vec<Ifaddr> = Vec::new();
    let mut macs: Vec<(String, String)> = Vec::new();
    // SAFETY: getifaddrs gives a list freed with freeifaddrs; each entry's address is of the
    // family it names, read only as that family's struct.
    unsafe {
        let mut list: *mut libc::ifaddrs = std::ptr::null_mut();
        if libc::getifaddrs(&mut list) != 0 {
            return Err(std::io::Error::last_os_error());
        }
        let mut entry = list;
        while let Some(ifa) = entry.as_ref() {
            entry = ifa.ifa_next;
            let name = std::ffi::CStr::from_ptr(ifa.ifa_name).to_string_lossy().into_owned();
            let flags = ifa.ifa_flags as libc::c_int;
            let (up, running) = (flags & libc::IFF_UP != 0, flags & libc::IFF_RUNNING != 0);
            let address = match ifa.ifa_addr.as_ref().map(|a| libc::c_int::from(a.sa_family)) {
                Some(libc::AF_INET) => {
                    let v4 = &*(ifa.ifa_addr as *const libc::sockaddr_in);
                    Some(Ipv4Addr::from(u32::from_be(v4.sin_addr.s_addr)).to_string())
                }
                Some(libc::AF_INET6) => {
                    let v6 = &*(ifa.ifa_addr as *const libc::sockaddr_in6);
                    Some(Ipv6Addr::from(v6.sin6_addr.s6_addr).to_string())
                }
                Some(libc::AF_PACKET) => {
                    let link = &*(ifa.ifa_addr as *const libc::sockaddr_ll);
                    let bytes = &link.sll_addr[..usize::from(link.sll_halen).min(8)];
                    if !bytes.is_empty() {
                        let mac = bytes.iter().map(|b| format!("{b:02x}")).collect::<Vec<_>>().join(":");
                        macs.push((name.clone(), mac));
                    }
                    None
                }
                _ => None,
            };
            if address.is_some() || !found.iter().any(|f| f.name == name) {
                found.retain(|f| f.name != name || f.address.is_some());
                found.push(Ifaddr { name, address, mac: None, up, running });
            }
        }
        libc::freeifaddrs(list);
    }
    for ifaddr in &mut found {
        ifaddr.mac = macs.iter().find(|(name, _)| *name == ifaddr.name).map(|(_, mac)| mac.clone());
    }
    Ok(found)
}

#[cfg(not(target_os = "linux"))]
fn interfaces() -> std::io::Result<Vec<Ifaddr>> {
    Err(std::io::Error::new(std::io::ErrorKind::Unsupported, "only on Linux for now"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locale_gives_language_and_territory() {
        for (value, expected) in [
            ("en_US.UTF-8", ("en", "US")),
            ("pt_BR", ("pt", "BR")),
            ("de_DE@euro", ("de", "DE")),
            ("fr", ("fr", "")),
            ("C.UTF-8", ("en", "")),
            ("POSIX", ("en", "")),
        ] {
            let (language, territory) = parse_locale(value);
            assert_eq!((language.as_str(), territory.as_str()), expected, "{value}");
        }
    }
}
