// Generated from runner.yaml by wslua-codegen — do not edit.
// The `bit` Lua module: typed values, the trait the host implements, and the
// registration that checks Lua arguments and converts them.
//
// Bitwise operations on 32-bit integers with the semantics of LuaJIT's `bit` module (BitOp):
// arguments are taken modulo 2^32 (fractions rounded), results are signed 32-bit numbers. The
// default runner is LuaJIT, whose own `bit` this is; the Lua 5.4 build has this one, with the
// same results, so Defold code runs on both.

// The conversions it calls are the crate wslua-glue-support (glue-support/), named `__wslua`
// here so that no name api.yaml gives can collide with it.
use wslua_glue_support as __wslua;

/// The `bit` module, one method per Lua function. The host implements it; a function
/// added to api.yaml is a compile error until it does.
pub trait BitApi: 'static {
    /// Normalizes a number to the signed 32-bit range, as every other function does with its arguments.
    /// - `x`: The number.
    ///
    /// Returns `y`: `x` modulo 2^32, from -2^31 to 2^31-1.
    ///
    /// Wrap around.
    /// ```lua
    /// print(bit.tobit(0xffffffff + 1)) --> 0
    /// ```
    fn tobit(&self, lua: &mlua::Lua, x: f64) -> mlua::Result<i64>;
    /// The number as hex digits.
    /// - `x`: The number.
    /// - `n`: How many of its low digits; negative for upper-case digits.
    ///
    /// Returns `hex`: The digits.
    ///
    /// A colour.
    /// ```lua
    /// print(bit.tohex(0xff8000, -6)) --> FF8000
    /// ```
    fn tohex(&self, lua: &mlua::Lua, x: f64, n: i64) -> mlua::Result<String>;
    /// Bitwise not.
    /// - `x`: The number.
    ///
    /// Returns `y`: Every bit flipped.
    ///
    /// Clear a flag.
    /// ```lua
    /// local flags = bit.band(7, bit.bnot(2)) --> 5
    /// ```
    fn bnot(&self, lua: &mlua::Lua, x: f64) -> mlua::Result<i64>;
    /// Bitwise and of all its arguments.
    /// - `x`: One or more numbers (a string that is a number counts, as in LuaJIT).
    ///
    /// Returns `y`: The bits set in all of them.
    ///
    /// Test a flag.
    /// ```lua
    /// local set = bit.band(5, 4) ~= 0
    /// ```
    fn band(&self, lua: &mlua::Lua, x: mlua::MultiValue) -> mlua::Result<i64>;
    /// Bitwise or of all its arguments.
    /// - `x`: One or more numbers (a string that is a number counts, as in LuaJIT).
    ///
    /// Returns `y`: The bits set in any of them.
    ///
    /// Set a flag.
    /// ```lua
    /// local flags = bit.bor(1, 4) --> 5
    /// ```
    fn bor(&self, lua: &mlua::Lua, x: mlua::MultiValue) -> mlua::Result<i64>;
    /// Bitwise exclusive or of all its arguments.
    /// - `x`: One or more numbers (a string that is a number counts, as in LuaJIT).
    ///
    /// Returns `y`: The bits set in an odd number of them.
    ///
    /// Toggle a flag.
    /// ```lua
    /// local flags = bit.bxor(5, 4) --> 1
    /// ```
    fn bxor(&self, lua: &mlua::Lua, x: mlua::MultiValue) -> mlua::Result<i64>;
    /// Logical shift left; only the low 5 bits of `n` count.
    /// - `x`: The number.
    /// - `n`: How many bits.
    ///
    /// Returns `y`: The shifted number.
    ///
    /// A byte in place.
    /// ```lua
    /// local word = bit.lshift(0x12, 8) --> 4608
    /// ```
    fn lshift(&self, lua: &mlua::Lua, x: f64, n: f64) -> mlua::Result<i64>;
    /// Logical shift right (zeros come in); only the low 5 bits of `n` count.
    /// - `x`: The number.
    /// - `n`: How many bits.
    ///
    /// Returns `y`: The shifted number.
    ///
    /// The high byte of a 16-bit length.
    /// ```lua
    /// local high = bit.rshift(0x1234, 8) --> 18
    /// ```
    fn rshift(&self, lua: &mlua::Lua, x: f64, n: f64) -> mlua::Result<i64>;
    /// Arithmetic shift right (the sign bit comes in); only the low 5 bits of `n` count.
    /// - `x`: The number.
    /// - `n`: How many bits.
    ///
    /// Returns `y`: The shifted number.
    ///
    /// Keep the sign.
    /// ```lua
    /// print(bit.arshift(-256, 4)) --> -16
    /// ```
    fn arshift(&self, lua: &mlua::Lua, x: f64, n: f64) -> mlua::Result<i64>;
    /// Rotate left; only the low 5 bits of `n` count.
    /// - `x`: The number.
    /// - `n`: How many bits.
    ///
    /// Returns `y`: The rotated number.
    ///
    /// Rotate a hash.
    /// ```lua
    /// local h = bit.rol(0x12345678, 12)
    /// ```
    fn rol(&self, lua: &mlua::Lua, x: f64, n: f64) -> mlua::Result<i64>;
    /// Rotate right; only the low 5 bits of `n` count.
    /// - `x`: The number.
    /// - `n`: How many bits.
    ///
    /// Returns `y`: The rotated number.
    ///
    /// Rotate a hash.
    /// ```lua
    /// local h = bit.ror(0x12345678, 12)
    /// ```
    fn ror(&self, lua: &mlua::Lua, x: f64, n: f64) -> mlua::Result<i64>;
    /// Swaps the bytes (converts between little and big endian).
    /// - `x`: The number.
    ///
    /// Returns `y`: Its 4 bytes in reverse order.
    ///
    /// Network byte order.
    /// ```lua
    /// print(bit.tohex(bit.bswap(0x12345678))) --> 78563412
    /// ```
    fn bswap(&self, lua: &mlua::Lua, x: f64) -> mlua::Result<i64>;
}

/// Builds the `bit` table: constants, and every function checking its arguments
/// before calling `api`.
pub fn register<A: BitApi>(lua: &mlua::Lua, api: A) -> mlua::Result<mlua::Table> {
    let api = std::rc::Rc::new(api);
    let module = lua.create_table()?;
    let __wslua_api = api.clone();
    let tobit = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("tobit");
            let x = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::not_on_stack, __wslua::read_number)?
            };
            let result = __wslua_api.tobit(lua, x).map_err(|e| __wslua::in_function("tobit", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("tobit", __wslua::raising(lua, tobit)?)?;
    let __wslua_api = api.clone();
    let tohex = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("tohex");
            let x = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::not_on_stack, __wslua::read_number)?
            };
            let n = {
                let (arg, at) = __wslua_args.next_arg();
                arg.optional(&at, __wslua::not_on_stack, |value, at: &__wslua::At| {
                    __wslua::read_integer(value, at)
                        .and_then(|v| __wslua::in_range(v, Some(-8), Some(8)).map_err(|e| at.error(e)))
                })?
                .unwrap_or(8)
            };
            let result = __wslua_api.tohex(lua, x, n).map_err(|e| __wslua::in_function("tohex", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("tohex", __wslua::raising(lua, tohex)?)?;
    let __wslua_api = api.clone();
    let bnot = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("bnot");
            let x = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::not_on_stack, __wslua::read_number)?
            };
            let result = __wslua_api.bnot(lua, x).map_err(|e| __wslua::in_function("bnot", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("bnot", __wslua::raising(lua, bnot)?)?;
    let __wslua_api = api.clone();
    let band = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("band");
            let x = { __wslua_args.rest()? };
            let result = __wslua_api.band(lua, x).map_err(|e| __wslua::in_function("band", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("band", __wslua::raising(lua, band)?)?;
    let __wslua_api = api.clone();
    let bor = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("bor");
            let x = { __wslua_args.rest()? };
            let result = __wslua_api.bor(lua, x).map_err(|e| __wslua::in_function("bor", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("bor", __wslua::raising(lua, bor)?)?;
    let __wslua_api = api.clone();
    let bxor = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("bxor");
            let x = { __wslua_args.rest()? };
            let result = __wslua_api.bxor(lua, x).map_err(|e| __wslua::in_function("bxor", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("bxor", __wslua::raising(lua, bxor)?)?;
    let __wslua_api = api.clone();
    let lshift = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("lshift");
            let x = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::not_on_stack, __wslua::read_number)?
            };
            let n = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::not_on_stack, __wslua::read_number)?
            };
            let result = __wslua_api.lshift(lua, x, n).map_err(|e| __wslua::in_function("lshift", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("lshift", __wslua::raising(lua, lshift)?)?;
    let __wslua_api = api.clone();
    let rshift = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("rshift");
            let x = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::not_on_stack, __wslua::read_number)?
            };
            let n = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::not_on_stack, __wslua::read_number)?
            };
            let result = __wslua_api.rshift(lua, x, n).map_err(|e| __wslua::in_function("rshift", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("rshift", __wslua::raising(lua, rshift)?)?;
    let __wslua_api = api.clone();
    let arshift = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("arshift");
            let x = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::not_on_stack, __wslua::read_number)?
            };
            let n = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::not_on_stack, __wslua::read_number)?
            };
            let result = __wslua_api.arshift(lua, x, n).map_err(|e| __wslua::in_function("arshift", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("arshift", __wslua::raising(lua, arshift)?)?;
    let __wslua_api = api.clone();
    let rol = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("rol");
            let x = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::not_on_stack, __wslua::read_number)?
            };
            let n = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::not_on_stack, __wslua::read_number)?
            };
            let result = __wslua_api.rol(lua, x, n).map_err(|e| __wslua::in_function("rol", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("rol", __wslua::raising(lua, rol)?)?;
    let __wslua_api = api.clone();
    let ror = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("ror");
            let x = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::not_on_stack, __wslua::read_number)?
            };
            let n = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::not_on_stack, __wslua::read_number)?
            };
            let result = __wslua_api.ror(lua, x, n).map_err(|e| __wslua::in_function("ror", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("ror", __wslua::raising(lua, ror)?)?;
    let __wslua_api = api.clone();
    let bswap = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("bswap");
            let x = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::not_on_stack, __wslua::read_number)?
            };
            let result = __wslua_api.bswap(lua, x).map_err(|e| __wslua::in_function("bswap", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("bswap", __wslua::raising(lua, bswap)?)?;
    Ok(module)
}
