// Generated from runner.yaml by wslua-codegen — do not edit.
// The `sys` Lua module: typed values, the trait the host implements, and the
// registration that checks Lua arguments and converts them.
//
// Ending the script, reading `game.project`, saving tables to files and describing the system,
// with the behaviour of Defold's `sys` module. What only a game has (`sys.open_url`,
// `sys.set_connectivity_host`, `sys.get_application_info`, `sys.reboot`, ...) is not there: calling
// one raises an error that says so, naming the function.

// The conversions it calls are the crate wslua-glue-support (glue-support/), named `__wslua`
// here so that no name api.yaml gives can collide with it.
use wslua_glue_support as __wslua;

/// Options of `sys.get_sys_info`.
#[derive(Debug, Clone, PartialEq)]
pub struct SysInfoOptions {
    /// Leave out what identifies the device (`device_ident`), as Defold does.
    pub ignore_secure: bool,
}

impl Default for SysInfoOptions {
    fn default() -> Self {
        Self { ignore_secure: false }
    }
}

impl __wslua::InputTable for SysInfoOptions {
    /// The fields a Lua table of this type may have; any other key is an error.
    const FIELDS: &'static [&'static str] = &["ignore_secure"];

    fn from_fields(at: &__wslua::At, field: &mut dyn FnMut(usize) -> mlua::Result<mlua::Value>) -> mlua::Result<Self> {
        Ok(Self {
            ignore_secure: {
                let at = at.field("ignore_secure");
                let value = field(0)?;
                __wslua::optional(value, &at, __wslua::read_boolean)?.unwrap_or(false)
            },
        })
    }
}

impl SysInfoOptions {
    pub fn read(value: mlua::Value, at: &__wslua::At) -> mlua::Result<Self> {
        __wslua::read_input(value, at)
    }
}

/// The system the script runs on, from `sys.get_sys_info`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SysInfo {
    /// The device model; empty on a desktop, as in Defold.
    pub device_model: String,
    /// The device maker; empty on a desktop, as in Defold.
    pub manufacturer: String,
    /// `"Linux"`, `"Darwin"` or `"Windows"`.
    pub system_name: String,
    /// The system's version (on Linux the kernel's release, e.g. `\"6.1.0-18-amd64\"`).
    pub system_version: String,
    /// The platform's API version; empty on a desktop, as in Defold.
    pub api_version: String,
    /// The user's language, two letters of ISO 639-1 (from `LC_ALL`, `LC_MESSAGES` or `LANG`; `\"en\"` when unset).
    pub language: String,
    /// The language with its script or region as the locale names it, e.g. `\"en-US\"`.
    pub device_language: String,
    /// The user's country, two letters of ISO 3166-1 (e.g. `\"US\"`), empty when the locale names none.
    pub territory: String,
    /// The local time's offset from UTC.
    pub gmt_offset: i64,
    /// An identifier of the machine (`/etc/machine-id` on Linux), absent with `ignore_secure`.
    pub device_ident: Option<String>,
    /// What the runner's HTTP requests would call themselves, `\"wslua/VERSION\"`.
    pub user_agent: String,
}

impl __wslua::Push for SysInfo {
    unsafe fn push_to(&self, state: *mut mlua::ffi::lua_State) {
        static KEYS: __wslua::Keys = __wslua::Keys(&[
            c"device_model",
            c"manufacturer",
            c"system_name",
            c"system_version",
            c"api_version",
            c"language",
            c"device_language",
            c"territory",
            c"gmt_offset",
            c"device_ident",
            c"user_agent",
        ]);
        let present = [true, true, true, true, true, true, true, true, true, self.device_ident.is_some(), true];
        __wslua::new_record(state, &KEYS, present.iter().filter(|p| **p).count());
        __wslua::set(state, 1, &self.device_model);
        __wslua::set(state, 2, &self.manufacturer);
        __wslua::set(state, 3, &self.system_name);
        __wslua::set(state, 4, &self.system_version);
        __wslua::set(state, 5, &self.api_version);
        __wslua::set(state, 6, &self.language);
        __wslua::set(state, 7, &self.device_language);
        __wslua::set(state, 8, &self.territory);
        __wslua::set(state, 9, &self.gmt_offset);
        if let Some(v) = &self.device_ident {
            __wslua::set(state, 10, v);
        }
        __wslua::set(state, 11, &self.user_agent);
        __wslua::end_record(state);
    }
}

impl __wslua::Written for SysInfo {}

/// The runner, from `sys.get_engine_info`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EngineInfo {
    /// The runner's version, e.g. `\"0.1.0\"`.
    pub version: String,
    /// Empty (the runner is not a Defold engine build).
    pub version_sha1: String,
    /// Whether the runner is a debug build.
    pub is_debug: bool,
}

impl __wslua::Push for EngineInfo {
    unsafe fn push_to(&self, state: *mut mlua::ffi::lua_State) {
        static KEYS: __wslua::Keys = __wslua::Keys(&[c"version", c"version_sha1", c"is_debug"]);
        let present = [true, true, true];
        __wslua::new_record(state, &KEYS, present.iter().filter(|p| **p).count());
        __wslua::set(state, 1, &self.version);
        __wslua::set(state, 2, &self.version_sha1);
        __wslua::set(state, 3, &self.is_debug);
        __wslua::end_record(state);
    }
}

impl __wslua::Written for EngineInfo {}

/// A network interface's address, from `sys.get_ifaddrs`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ifaddr {
    /// The interface's name, e.g. `\"lo\"`.
    pub name: String,
    /// Its IPv4 or IPv6 address; absent for an interface that has none.
    pub address: Option<String>,
    /// Its hardware address as `\"aa:bb:cc:dd:ee:ff\"`, where it has one.
    pub mac: Option<String>,
    /// Whether the interface is up.
    pub up: bool,
    /// Whether it is running (has a link).
    pub running: bool,
}

impl __wslua::Push for Ifaddr {
    unsafe fn push_to(&self, state: *mut mlua::ffi::lua_State) {
        static KEYS: __wslua::Keys = __wslua::Keys(&[c"name", c"address", c"mac", c"up", c"running"]);
        let present = [true, self.address.is_some(), self.mac.is_some(), true, true];
        __wslua::new_record(state, &KEYS, present.iter().filter(|p| **p).count());
        __wslua::set(state, 1, &self.name);
        if let Some(v) = &self.address {
            __wslua::set(state, 2, v);
        }
        if let Some(v) = &self.mac {
            __wslua::set(state, 3, v);
        }
        __wslua::set(state, 4, &self.up);
        __wslua::set(state, 5, &self.running);
        __wslua::end_record(state);
    }
}

impl __wslua::Written for Ifaddr {}

/// The `sys` module, one method per Lua function. The host implements it; a function
/// added to api.yaml is a compile error until it does.
pub trait SysApi: 'static {
    /// Ends the script at the end of the current frame: `finalize(self)` runs, queued messages are written, every connection is closed with 1001, and the runner exits with `code`. No callback runs after `finalize`, so those closes bring no `EVENT_DISCONNECTED`, as in Defold.
    /// - `code`: The exit status.
    ///
    /// Stop with an error status.
    /// ```lua
    /// sys.exit(1)
    /// ```
    fn exit(&self, lua: &mlua::Lua, code: i64) -> mlua::Result<()>;
    /// Reads a value of `game.project` (the runner's `--config FILE`, or `./game.project`), named `section.key`, as text.
    /// - `key`: The setting, as `section.key` (e.g. `websocket.debug`).
    /// - `default`: What to return when the file has no such setting.
    ///
    /// Returns `value`: The setting's text, or `default` (`nil` when none is given).
    ///
    /// Read a setting of the script's own section.
    /// ```lua
    /// -- game.project: [chat] server = ws://127.0.0.1:8080/
    /// local url = sys.get_config("chat.server", "ws://127.0.0.1:8080/")
    /// ```
    fn get_config(&self, lua: &mlua::Lua, key: String, default: Option<String>) -> mlua::Result<Option<String>>;
    /// Reads a value of `game.project` as text, as `sys.get_config` does.
    /// - `key`: The setting, as `section.key`.
    /// - `default`: What to return when the file has no such setting.
    ///
    /// Returns `value`: The setting's text, or `default` (`nil` when none is given).
    ///
    /// The project's title.
    /// ```lua
    /// local title = sys.get_config_string("project.title", "untitled")
    /// ```
    fn get_config_string(&self, lua: &mlua::Lua, key: String, default: Option<String>) -> mlua::Result<Option<String>>;
    /// Reads a value of `game.project` as an integer. A setting that is not a whole number is an error naming it.
    /// - `key`: The setting, as `section.key`.
    /// - `default`: What to return when the file has no such setting.
    ///
    /// Returns `value`: The setting, or `default`.
    ///
    /// How often the game updates.
    /// ```lua
    /// local frequency = sys.get_config_int("display.update_frequency", 60)
    /// ```
    fn get_config_int(&self, lua: &mlua::Lua, key: String, default: i64) -> mlua::Result<i64>;
    /// Reads a value of `game.project` as a number. A setting that is not a number is an error naming it.
    /// - `key`: The setting, as `section.key`.
    /// - `default`: What to return when the file has no such setting.
    ///
    /// Returns `value`: The setting, or `default`.
    ///
    /// The HTTP timeout the project sets.
    /// ```lua
    /// local seconds = sys.get_config_number("network.http_timeout", 0)
    /// ```
    fn get_config_number(&self, lua: &mlua::Lua, key: String, default: f64) -> mlua::Result<f64>;
    /// The path of a file the application may keep between runs, where Defold keeps it: on Linux `$XDG_DATA_HOME/APPLICATION_ID/FILE_NAME` (`~/.local/share/...` when the variable is unset; an existing `~/.APPLICATION_ID` folder of older Defold versions wins), on macOS `~/Library/Application Support/APPLICATION_ID/FILE_NAME`, on Windows `%APPDATA%\\APPLICATION_ID\\FILE_NAME`. The folder is made if it is missing.
    /// - `application_id`: The application's folder name; not empty, no `/`, not `.` or `..`.
    /// - `file_name`: The file's name in it; not empty, no `/`, not `.` or `..`.
    ///
    /// Returns `path`: The file's path.
    ///
    /// Where to keep the high score (Defold's example).
    /// ```lua
    /// local path = sys.get_save_file("mygame", "highscore")
    /// ```
    fn get_save_file(&self, lua: &mlua::Lua, application_id: String, file_name: String) -> mlua::Result<String>;
    /// Writes a table to a file, for `sys.load`: nested tables whose keys are strings or numbers and whose values are strings (any bytes), numbers, booleans and tables. The file is written beside the target and renamed over it, so a crash never leaves half a file. Its format is MessagePack (a map per table, after an 8-byte header `WSLUASV1`); Defold's own binary format is not reproduced, so files do not move between the runner and a game. A value of another type (a function, userdata), a table met twice or nesting deeper than 1,000 is an error naming where.
    /// - `filename`: The file to write, usually from `sys.get_save_file`.
    /// - `table`: The table to save.
    ///
    /// Returns `success`: `true` (a failure to write raises an error naming the file).
    ///
    /// Save a high score (Defold's example).
    /// ```lua
    /// local path = sys.get_save_file("mygame", "highscore")
    /// sys.save(path, { highscore = 100 })
    /// ```
    fn save(&self, lua: &mlua::Lua, filename: String, table: mlua::Value) -> mlua::Result<bool>;
    /// Reads a table `sys.save` wrote. A file that does not exist gives an empty table, as in Defold; one that is not a save file (corrupted, cut short, another format) is an error naming it.
    /// - `filename`: The file to read.
    ///
    /// Returns `table`: The saved table.
    ///
    /// Read the high score back (Defold's example).
    /// ```lua
    /// local path = sys.get_save_file("mygame", "highscore")
    /// local data = sys.load(path)
    /// print(data.highscore or 0)
    /// ```
    fn load(&self, lua: &mlua::Lua, filename: String) -> mlua::Result<mlua::Value>;
    /// What system the script runs on, with Defold's fields and honest desktop values.
    /// - `options`: Options; may be `nil`.
    ///
    /// Returns `info`: The system's description.
    ///
    /// Tell the server which system and language the player uses.
    /// ```lua
    /// local info = sys.get_sys_info({ ignore_secure = true })
    /// print(info.system_name, info.language, info.gmt_offset)
    /// ```
    fn get_sys_info(&self, lua: &mlua::Lua, options: SysInfoOptions) -> mlua::Result<SysInfo>;
    /// The runner's version, where Defold gives the engine's.
    ///
    /// Returns `info`: The runner's description.
    ///
    /// Print the version.
    /// ```lua
    /// print(sys.get_engine_info().version)
    /// ```
    fn get_engine_info(&self, lua: &mlua::Lua) -> mlua::Result<EngineInfo>;
    /// The machine's network interfaces and their addresses, one entry per address.
    ///
    /// Returns `addresses`: The interfaces' addresses.
    ///
    /// List the IPv4 addresses.
    /// ```lua
    /// for _, ifaddr in ipairs(sys.get_ifaddrs()) do
    ///   if ifaddr.address and not ifaddr.address:find(":") then
    ///     print(ifaddr.name, ifaddr.address)
    ///   end
    /// end
    /// ```
    fn get_ifaddrs(&self, lua: &mlua::Lua) -> mlua::Result<Vec<Ifaddr>>;
}

/// Builds the `sys` table: constants, and every function checking its arguments
/// before calling `api`.
pub fn register<A: SysApi>(lua: &mlua::Lua, api: A) -> mlua::Result<mlua::Table> {
    let api = std::rc::Rc::new(api);
    let module = lua.create_table()?;
    let __wslua_api = api.clone();
    let exit = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("exit");
            let code = {
                let (arg, at) = __wslua_args.next_arg();
                arg.optional(&at, __wslua::not_on_stack, |value, at: &__wslua::At| {
                    __wslua::read_integer(value, at)
                        .and_then(|v| __wslua::in_range(v, Some(0), Some(255)).map_err(|e| at.error(e)))
                })?
                .unwrap_or(0)
            };
            let result = __wslua_api.exit(lua, code).map_err(|e| __wslua::in_function("exit", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("exit", __wslua::raising(lua, exit)?)?;
    let __wslua_api = api.clone();
    let get_config = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("get_config");
            let key = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::string_on_stack, __wslua::read_string)?
            };
            let default = {
                let (arg, at) = __wslua_args.next_arg();
                arg.optional(&at, __wslua::string_on_stack, __wslua::read_string)?
            };
            let result = __wslua_api.get_config(lua, key, default).map_err(|e| __wslua::in_function("get_config", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("get_config", __wslua::raising(lua, get_config)?)?;
    let __wslua_api = api.clone();
    let get_config_string = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("get_config_string");
            let key = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::string_on_stack, __wslua::read_string)?
            };
            let default = {
                let (arg, at) = __wslua_args.next_arg();
                arg.optional(&at, __wslua::string_on_stack, __wslua::read_string)?
            };
            let result = __wslua_api
                .get_config_string(lua, key, default)
                .map_err(|e| __wslua::in_function("get_config_string", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("get_config_string", __wslua::raising(lua, get_config_string)?)?;
    let __wslua_api = api.clone();
    let get_config_int = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("get_config_int");
            let key = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::string_on_stack, __wslua::read_string)?
            };
            let default = {
                let (arg, at) = __wslua_args.next_arg();
                arg.optional(&at, __wslua::not_on_stack, __wslua::read_integer)?.unwrap_or(0)
            };
            let result =
                __wslua_api.get_config_int(lua, key, default).map_err(|e| __wslua::in_function("get_config_int", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("get_config_int", __wslua::raising(lua, get_config_int)?)?;
    let __wslua_api = api.clone();
    let get_config_number = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("get_config_number");
            let key = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::string_on_stack, __wslua::read_string)?
            };
            let default = {
                let (arg, at) = __wslua_args.next_arg();
                arg.optional(&at, __wslua::not_on_stack, __wslua::read_number)?.unwrap_or(0.0)
            };
            let result = __wslua_api
                .get_config_number(lua, key, default)
                .map_err(|e| __wslua::in_function("get_config_number", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("get_config_number", __wslua::raising(lua, get_config_number)?)?;
    let __wslua_api = api.clone();
    let get_save_file = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("get_save_file");
            let application_id = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::string_on_stack, __wslua::read_string)?
            };
            let file_name = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::string_on_stack, __wslua::read_string)?
            };
            let result = __wslua_api
                .get_save_file(lua, application_id, file_name)
                .map_err(|e| __wslua::in_function("get_save_file", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("get_save_file", __wslua::raising(lua, get_save_file)?)?;
    let __wslua_api = api.clone();
    let save = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("save");
            let filename = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::string_on_stack, __wslua::read_string)?
            };
            let table = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::not_on_stack, __wslua::read_any)?
            };
            let result = __wslua_api.save(lua, filename, table).map_err(|e| __wslua::in_function("save", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("save", __wslua::raising(lua, save)?)?;
    let __wslua_api = api.clone();
    let load = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("load");
            let filename = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::string_on_stack, __wslua::read_string)?
            };
            let result = __wslua_api.load(lua, filename).map_err(|e| __wslua::in_function("load", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("load", __wslua::raising(lua, load)?)?;
    let __wslua_api = api.clone();
    let get_sys_info = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("get_sys_info");
            let options = {
                let (arg, at) = __wslua_args.next_arg();
                arg.optional(&at, __wslua::table_on_stack::<SysInfoOptions>, SysInfoOptions::read)?.unwrap_or_default()
            };
            let result = __wslua_api.get_sys_info(lua, options).map_err(|e| __wslua::in_function("get_sys_info", e));
            result.and_then(|v| Ok(__wslua::to_table(lua, &v)?))
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("get_sys_info", __wslua::raising(lua, get_sys_info)?)?;
    let __wslua_api = api.clone();
    let get_engine_info = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("get_engine_info");
            let result = __wslua_api.get_engine_info(lua).map_err(|e| __wslua::in_function("get_engine_info", e));
            result.and_then(|v| Ok(__wslua::to_table(lua, &v)?))
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("get_engine_info", __wslua::raising(lua, get_engine_info)?)?;
    let __wslua_api = api.clone();
    let get_ifaddrs = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("get_ifaddrs");
            let result = __wslua_api.get_ifaddrs(lua).map_err(|e| __wslua::in_function("get_ifaddrs", e));
            result.and_then(|v| {
                Ok(lua.create_sequence_from(
                    v.iter().map(|item| __wslua::to_table(lua, item)).collect::<mlua::Result<Vec<_>>>()?,
                )?)
            })
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("get_ifaddrs", __wslua::raising(lua, get_ifaddrs)?)?;
    Ok(module)
}
