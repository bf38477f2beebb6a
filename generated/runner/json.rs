// Generated from runner.yaml by wslua-codegen — do not edit.
// The `json` Lua module: typed values, the trait the host implements, and the
// registration that checks Lua arguments and converts them.
//
// Encodes Lua values as JSON text and decodes JSON text into Lua values, with the behaviour of
// Defold's built-in `json` module: objects are tables with string keys, arrays are tables with
// the keys `1`..`n`, and JSON `null` is `nil` unless asked for as `json.null`.

// The conversions it calls are the crate wslua-glue-support (glue-support/), named `__wslua`
// here so that no name api.yaml gives can collide with it.
use wslua_glue_support as __wslua;

// json_null: The value that stands for JSON `null` where `nil` cannot (in an array, or to keep a key).

/// JSON `null`: `json.encode` writes it as `null`, and `json.decode` returns it for `null` when `decode_null_as_userdata` is set. Compare with `==`.
pub const null: mlua::LightUserData = mlua::LightUserData(std::ptr::null_mut());

/// Options of `json.encode`.
#[derive(Debug, Clone, PartialEq)]
pub struct EncodeOptions {
    /// Whether an empty table is written as `{}` (the default) or as `[]`.
    pub encode_empty_table_as_object: bool,
}

impl Default for EncodeOptions {
    fn default() -> Self {
        Self { encode_empty_table_as_object: true }
    }
}

impl __wslua::InputTable for EncodeOptions {
    /// The fields a Lua table of this type may have; any other key is an error.
    const FIELDS: &'static [&'static str] = &["encode_empty_table_as_object"];

    fn from_fields(at: &__wslua::At, field: &mut dyn FnMut(usize) -> mlua::Result<mlua::Value>) -> mlua::Result<Self> {
        Ok(Self {
            encode_empty_table_as_object: {
                let at = at.field("encode_empty_table_as_object");
                let value = field(0)?;
                __wslua::optional(value, &at, __wslua::read_boolean)?.unwrap_or(true)
            },
        })
    }
}

impl EncodeOptions {
    pub fn read(value: mlua::Value, at: &__wslua::At) -> mlua::Result<Self> {
        __wslua::read_input(value, at)
    }
}

/// Options of `json.decode`.
#[derive(Debug, Clone, PartialEq)]
pub struct DecodeOptions {
    /// Whether JSON `null` becomes `json.null` instead of `nil`.
    pub decode_null_as_userdata: bool,
}

impl Default for DecodeOptions {
    fn default() -> Self {
        Self { decode_null_as_userdata: false }
    }
}

impl __wslua::InputTable for DecodeOptions {
    /// The fields a Lua table of this type may have; any other key is an error.
    const FIELDS: &'static [&'static str] = &["decode_null_as_userdata"];

    fn from_fields(at: &__wslua::At, field: &mut dyn FnMut(usize) -> mlua::Result<mlua::Value>) -> mlua::Result<Self> {
        Ok(Self {
            decode_null_as_userdata: {
                let at = at.field("decode_null_as_userdata");
                let value = field(0)?;
                __wslua::optional(value, &at, __wslua::read_boolean)?.unwrap_or(false)
            },
        })
    }
}

impl DecodeOptions {
    pub fn read(value: mlua::Value, at: &__wslua::At) -> mlua::Result<Self> {
        __wslua::read_input(value, at)
    }
}

/// The `json` module, one method per Lua function. The host implements it; a function
/// added to api.yaml is a compile error until it does.
pub trait JsonApi: 'static {
    /// Encodes a Lua value as JSON text. A table whose keys are exactly `1`..`n` is an array; any other table is an object, its keys strings (integer keys are written as strings). A table that contains itself, a function, a userdata other than `json.null`, a key that is not a string or an integer, NaN, an infinity or a string that is not UTF-8 raises an error naming it.
    /// - `tbl`: The value to encode, usually a table.
    /// - `options`: Encode options; may be `nil`.
    ///
    /// Returns `json`: The JSON text, without spaces.
    ///
    /// Convert a Lua table to a JSON string (Defold's example).
    /// ```lua
    /// local tbl = {
    ///   persons = {
    ///     { name = "John Doe" },
    ///     { name = "Darth Vader" },
    ///   },
    /// }
    /// local jsonstring = json.encode(tbl)
    /// pprint(jsonstring) -- {"persons":[{"name":"John Doe"},{"name":"Darth Vader"}]}
    /// ```
    fn encode(&self, lua: &mlua::Lua, tbl: mlua::Value, options: EncodeOptions) -> mlua::Result<String>;
    /// Decodes JSON text into a Lua value. Malformed text raises an error with the line and column where it goes wrong. Whole numbers that fit are integers, others floats.
    /// - `json`: The JSON text.
    /// - `options`: Decode options; may be `nil`.
    ///
    /// Returns `data`: The decoded value.
    ///
    /// Convert a string containing JSON data into a Lua table (Defold's example).
    /// ```lua
    /// local jsonstring = '{"persons":[{"name":"John Doe"},{"name":"Darth Vader"}]}'
    /// local data = json.decode(jsonstring)
    /// pprint(data)
    /// ```
    fn decode(&self, lua: &mlua::Lua, json: String, options: DecodeOptions) -> mlua::Result<mlua::Value>;
}

/// Builds the `json` table: constants, and every function checking its arguments
/// before calling `api`.
pub fn register<A: JsonApi>(lua: &mlua::Lua, api: A) -> mlua::Result<mlua::Table> {
    let api = std::rc::Rc::new(api);
    let module = lua.create_table()?;
    module.raw_set("null", null)?;
    let __wslua_api = api.clone();
    let encode = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("encode");
            let tbl = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::not_on_stack, __wslua::read_any)?
            };
            let options = {
                let (arg, at) = __wslua_args.next_arg();
                arg.optional(&at, __wslua::table_on_stack::<EncodeOptions>, EncodeOptions::read)?.unwrap_or_default()
            };
            let result = __wslua_api.encode(lua, tbl, options).map_err(|e| __wslua::in_function("encode", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("encode", __wslua::raising(lua, encode)?)?;
    let __wslua_api = api.clone();
    let decode = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("decode");
            let json = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::string_on_stack, __wslua::read_string)?
            };
            let options = {
                let (arg, at) = __wslua_args.next_arg();
                arg.optional(&at, __wslua::table_on_stack::<DecodeOptions>, DecodeOptions::read)?.unwrap_or_default()
            };
            let result = __wslua_api.decode(lua, json, options).map_err(|e| __wslua::in_function("decode", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("decode", __wslua::raising(lua, decode)?)?;
    Ok(module)
}
