//! Writing values to Lua with C API calls alone, inside one protected call.

use mlua::{ffi, IntoLuaMulti, Lua, Table};
use std::os::raw::c_int;

/// A value the glue writes to Lua with C API calls alone, all of them inside one protected
/// call ([`Lua::exec_raw`]), which costs less than mlua's conversions, each of which (from a
/// module) protects itself with a closure and a pcall of its own.
pub trait Push {
    /// Pushes the value onto `state`'s stack.
    ///
    /// # Safety
    /// Only inside [`Lua::exec_raw`], whose pcall catches a Lua error (out of memory): it
    /// jumps over this frame and its callers up to there, which must own nothing to drop.
    unsafe fn push_to(&self, state: *mut ffi::lua_State);
}

impl Push for i64 {
    unsafe fn push_to(&self, state: *mut ffi::lua_State) {
        ffi::lua_pushinteger(state, *self as ffi::lua_Integer);
    }
}

impl Push for f64 {
    unsafe fn push_to(&self, state: *mut ffi::lua_State) {
        ffi::lua_pushnumber(state, *self);
    }
}

impl Push for bool {
    unsafe fn push_to(&self, state: *mut ffi::lua_State) {
        ffi::lua_pushboolean(state, c_int::from(*self));
    }
}

impl Push for [u8] {
    unsafe fn push_to(&self, state: *mut ffi::lua_State) {
        ffi::lua_pushlstring(state, self.as_ptr().cast(), self.len());
    }
}

impl Push for String {
    unsafe fn push_to(&self, state: *mut ffi::lua_State) {
        self.as_bytes().push_to(state);
    }
}

/// A payload written to Lua: the engine's buffer, copied only into the Lua string.
impl Push for bytes::Bytes {
    unsafe fn push_to(&self, state: *mut ffi::lua_State) {
        self[..].push_to(state);
    }
}

/// A sequence.
impl<T: Push> Push for Vec<T> {
    unsafe fn push_to(&self, state: *mut ffi::lua_State) {
        new_table(state, self.len(), 0);
        for (i, value) in self.iter().enumerate() {
            value.push_to(state);
            ffi::lua_rawseti(state, -2, (i + 1) as _);
        }
    }
}

/// A map: a table of `name = value`.
impl Push for Vec<(String, String)> {
    unsafe fn push_to(&self, state: *mut ffi::lua_State) {
        new_table(state, 0, self.len());
        for (name, value) in self {
            name.push_to(state);
            value.push_to(state);
            ffi::lua_rawset(state, -3);
        }
    }
}

/// Pushes a table with room for `sequence` elements and `named` fields.
///
/// # Safety
/// As [`Push::push_to`].
pub unsafe fn new_table(state: *mut ffi::lua_State, sequence: usize, named: usize) {
    // Four slots: a nested table, its key and value, and the value of the table holding it.
    ffi::luaL_checkstack(state, 4, c"writing a table".as_ptr());
    ffi::lua_createtable(state, table_size(sequence), table_size(named));
}

/// A count of elements or fields as `lua_createtable` takes it, for its preallocation.
fn table_size(n: usize) -> c_int {
    c_int::try_from(n).unwrap_or(c_int::MAX)
}

/// A generated table type's field names. Each Lua state gets them as Lua strings once, in a
/// table its registry keeps under the address of this value: `lua_setfield` finds its key
/// from a C string for every field it sets (a string cache lookup and a `strcmp`, 4% of a
/// receiving client's Lua thread).
pub struct Keys(pub &'static [&'static std::ffi::CStr]);

/// Pushes the Lua strings of `keys`, then a table with room for `named` fields, to be set
/// with [`set`] and finished with [`end_record`].
///
/// # Safety
/// As [`Push::push_to`].
pub unsafe fn new_record(state: *mut ffi::lua_State, keys: &'static Keys, named: usize) {
    // Four slots: the keys, the table, a key and its value (which checks for its own).
    ffi::luaL_checkstack(state, 4, c"writing a table".as_ptr());
    let anchor = std::ptr::from_ref(keys).cast();
    if ffi::lua_rawgetp(state, ffi::LUA_REGISTRYINDEX, anchor) != ffi::LUA_TTABLE {
        ffi::lua_pop(state, 1);
        ffi::lua_createtable(state, table_size(keys.0.len()), 0);
        for (i, name) in keys.0.iter().enumerate() {
            ffi::lua_pushstring(state, name.as_ptr());
            ffi::lua_rawseti(state, -2, (i + 1) as _);
        }
        ffi::lua_pushvalue(state, -1);
        ffi::lua_rawsetp(state, ffi::LUA_REGISTRYINDEX, anchor);
    }
    ffi::lua_createtable(state, 0, table_size(named));
}

/// Sets the field whose name is `key` (its place in the record's [`Keys`], from 1) of the
/// table [`new_record`] pushed to `value`.
///
/// # Safety
/// As [`Push::push_to`], right after [`new_record`] or another `set`.
pub unsafe fn set(state: *mut ffi::lua_State, key: c_int, value: &(impl Push + ?Sized)) {
    ffi::lua_rawgeti(state, -2, key as _);
    value.push_to(state);
    ffi::lua_rawset(state, -3);
}

/// Leaves the table [`new_record`] pushed on top, without the keys beneath it.
///
/// # Safety
/// As [`Push::push_to`], after [`new_record`] and its `set`s.
pub unsafe fn end_record(state: *mut ffi::lua_State) {
    ffi::lua_remove(state, -2);
}

/// A table (a generated table type, a map, a sequence) as a Lua value, written in one
/// protected call.
pub fn to_table(lua: &Lua, value: &(impl Push + ?Sized)) -> mlua::Result<Table> {
    // SAFETY: `push_to` owns nothing; `value` is the caller's, below the pcall.
    unsafe { lua.exec_raw((), |state| value.push_to(state)) }
}

/// A table the glue writes to Lua.
pub trait Written: Push {
    /// Calls `function` with `args` and this table last, built in the same protected call,
    /// and returns what it returns. A Lua error raised by the function comes back with its
    /// traceback, as from [`mlua::Function::call`].
    fn call_after<A: IntoLuaMulti, R: mlua::FromLuaMulti>(
        &self,
        lua: &Lua,
        function: &mlua::Function,
        args: A,
    ) -> mlua::Result<R> {
        // SAFETY: as in `to_table`; the error `lua_call` raises is caught by the pcall
        // of `exec_raw`, whose message handler adds the traceback.
        unsafe {
            lua.exec_raw((function, args), |state| {
                let args = ffi::lua_gettop(state);
                self.push_to(state);
                ffi::lua_call(state, args, ffi::LUA_MULTRET);
            })
        }
    }

    /// Calls `function` with `args` and the table in `data`, then again with each table
    /// `next` leaves there, until it leaves none, in one protected call. A Lua error ends
    /// the calls, `data` holding the table of the one that raised it.
    fn call_each<A: IntoLuaMulti>(
        lua: &Lua,
        function: &mlua::Function,
        args: A,
        data: &mut Option<Self>,
        next: &mut dyn FnMut(&mut Option<Self>),
    ) -> mlua::Result<()>
    where
        Self: Sized,
    {
        // SAFETY: the closure holds references only; the tables are `data`'s, and `data` is
        // the caller's, below the pcall of `exec_raw`, which catches the error.
        unsafe {
            lua.exec_raw((function, args), |state| {
                let args = ffi::lua_gettop(state);
                ffi::luaL_checkstack(state, args + 1, c"calling a callback".as_ptr());
                while let Some(table) = data.as_ref() {
                    for i in 1..=args {
                        ffi::lua_pushvalue(state, i);
                    }
                    table.push_to(state);
                    ffi::lua_call(state, args, 0);
                    next(data);
                }
            })
        }
    }
}
