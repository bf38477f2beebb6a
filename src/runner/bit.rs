//! `bit` for the Lua 5.4 build: LuaJIT's BitOp on 32-bit integers, so Defold code that calls
//! `bit.band` runs on both VMs with the same results (the LuaJIT build keeps LuaJIT's own).

use super::glue::bit::BitApi;
use super::Runner;
use mlua::{Lua, MultiValue, Value};

/// A number as BitOp normalizes it: rounded to a whole number (ties to even, as LuaJIT's
/// 2^52+2^51 addition rounds), then taken modulo 2^32 as a signed 32-bit integer.
pub fn tobit(x: f64) -> i32 {
    if !x.is_finite() {
        // LuaJIT's addition trick leaves the low word of an infinity or NaN at 0.
        return 0;
    }
    let whole = x.round_ties_even();
    (whole.rem_euclid(4_294_967_296.0) as u32) as i32
}

pub fn tohex(x: f64, digits: i64) -> String {
    let value = tobit(x) as u32;
    let count = digits.unsigned_abs().clamp(1, 8) as usize;
    let hex = if digits < 0 { format!("{value:08X}") } else { format!("{value:08x}") };
    hex[8 - count..].to_string()
}

/// The numbers of a variadic call (`band`, `bor`, `bxor`), folded with `op`.
fn fold(lua: &Lua, name: &str, values: MultiValue, op: fn(i32, i32) -> i32) -> mlua::Result<i64> {
    let mut result: Option<i32> = None;
    for (i, value) in values.into_iter().enumerate() {
        let number = match &value {
            Value::Integer(n) => *n as f64,
            Value::Number(n) => *n,
            Value::String(_) => lua.coerce_number(value.clone())?.ok_or_else(|| bad(i, name, &value))?,
            _ => return Err(bad(i, name, &value)),
        };
        let bits = tobit(number);
        result = Some(result.map_or(bits, |r| op(r, bits)));
    }
    result.map(i64::from).ok_or_else(|| argument_error(1, name, "no value"))
}

fn bad(index: usize, name: &str, value: &Value) -> mlua::Error {
    argument_error(index + 1, name, value.type_name())
}

/// Lua's own wording; external, so the glue does not put the function's name in front again.
fn argument_error(position: usize, name: &str, got: &str) -> mlua::Error {
    mlua::Error::external(format!("bad argument #{position} to '{name}' (number expected, got {got})"))
}

/// Only the low 5 bits of a shift count, as BitOp.
fn count(n: f64) -> u32 {
    (tobit(n) & 31) as u32
}

impl BitApi for Runner {
    fn tobit(&self, _: &Lua, x: f64) -> mlua::Result<i64> {
        Ok(tobit(x).into())
    }

    fn tohex(&self, _: &Lua, x: f64, n: i64) -> mlua::Result<String> {
        Ok(tohex(x, n))
    }

    fn bnot(&self, _: &Lua, x: f64) -> mlua::Result<i64> {
        Ok((!tobit(x)).into())
    }

    fn band(&self, lua: &Lua, x: MultiValue) -> mlua::Result<i64> {
        fold(lua, "band", x, |a, b| a & b)
    }

    fn bor(&self, lua: &Lua, x: MultiValue) -> mlua::Result<i64> {
        fold(lua, "bor", x, |a, b| a | b)
    }

    fn bxor(&self, lua: &Lua, x: MultiValue) -> mlua::Result<i64> {
        fold(lua, "bxor", x, |a, b| a ^ b)
    }

    fn lshift(&self, _: &Lua, x: f64, n: f64) -> mlua::Result<i64> {
        Ok(((tobit(x) as u32) << count(n)).cast_signed().into())
    }

    fn rshift(&self, _: &Lua, x: f64, n: f64) -> mlua::Result<i64> {
        Ok(((tobit(x) as u32) >> count(n)).cast_signed().into())
    }

    fn arshift(&self, _: &Lua, x: f64, n: f64) -> mlua::Result<i64> {
        Ok((tobit(x) >> count(n)).into())
    }

    fn rol(&self, _: &Lua, x: f64, n: f64) -> mlua::Result<i64> {
        Ok((tobit(x) as u32).rotate_left(count(n)).cast_signed().into())
    }

    fn ror(&self, _: &Lua, x: f64, n: f64) -> mlua::Result<i64> {
        Ok((tobit(x) as u32).rotate_right(count(n)).cast_signed().into())
    }

    fn bswap(&self, _: &Lua, x: f64) -> mlua::Result<i64> {
        Ok(tobit(x).swap_bytes().into())
    }
}
