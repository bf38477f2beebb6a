//! A call's arguments, read where Lua left them on its stack, and where each came from (for
//! errors worded like Lua's own).

use crate::read::{only_fields, optional, read_table, type_name};
use mlua::state::RawLua;
use mlua::{ffi, FromLua, FromLuaMulti, Lua, Value};
use std::fmt::Display;
use std::os::raw::c_int;

/// Where a value comes from, for errors worded like Lua's own `luaL_argerror`.
#[derive(Clone, Debug)]
pub struct At {
    pub function: &'static str,
    pub index: usize,
    pub field: Option<&'static str>,
    /// The table field holding the table `field` is in (`tls` of `tls.verify`).
    pub parent: Option<&'static str>,
    /// The position in a sequence, for an element of an array.
    pub element: Option<usize>,
    /// False when the caller passed fewer arguments (Lua says "no value", not "nil").
    pub present: bool,
    /// A value a Lua callback returned, not an argument passed to a function.
    pub returned: bool,
}

impl At {
    fn new(function: &'static str, index: usize, present: bool, returned: bool) -> At {
        At { function, index, field: None, parent: None, element: None, present, returned }
    }

    pub fn field(&self, name: &'static str) -> At {
        At { field: Some(name), parent: self.field, present: true, ..self.clone() }
    }

    pub fn element(&self, position: usize) -> At {
        At { element: Some(position), present: true, ..self.clone() }
    }

    pub fn error(&self, message: impl Display) -> mlua::Error {
        let field = match (self.parent, self.field) {
            (Some(parent), Some(field)) => format!("field '{parent}.{field}': "),
            (None, Some(field)) => format!("field '{field}': "),
            _ => String::new(),
        };
        let element = self.element.map(|i| format!("element {i}: ")).unwrap_or_default();
        let (what, to) = if self.returned { ("return value", "from") } else { ("argument", "to") };
        let (index, function) = (self.index, self.function);
        mlua::Error::RuntimeError(format!("bad {what} #{index} {to} '{function}' ({field}{element}{message})"))
    }

    pub fn expected(&self, what: &str, got: &Value) -> mlua::Error {
        let got = if self.present { type_name(got) } else { "no value" };
        self.error(format!("{what} expected, got {got}"))
    }
}

/// The values a callback returned, taken in order.
pub struct Args {
    function: &'static str,
    values: std::vec::IntoIter<Value>,
    index: usize,
}

impl Args {
    /// The values a callback of type `function` returned.
    pub fn returned(function: &'static str, values: mlua::MultiValue) -> Args {
        Args { function, values: values.into_vec().into_iter(), index: 0 }
    }

    pub fn next_arg(&mut self) -> (Value, At) {
        self.index += 1;
        let (value, present) = match self.values.next() {
            Some(value) => (value, true),
            None => (Value::Nil, false),
        };
        (value, At::new(self.function, self.index, present, true))
    }
}

/// The arguments of a call to a function of the module, read where Lua left them on its
/// stack, in order. A string, a handle or a table of fields is read from there straight
/// into its Rust value: made an `mlua::Value` first, each would take a reference in mlua's
/// registry of values, which was most of what a call such as `send` cost.
pub struct Stack {
    /// Valid while the call runs, which is as long as a `Stack` lives: mlua makes it from
    /// the arguments of one call and hands it to that call alone.
    lua: *const RawLua,
    /// Where the first argument lies.
    first: c_int,
    count: c_int,
    function: &'static str,
    taken: c_int,
}

impl FromLuaMulti for Stack {
    fn from_lua_multi(_: mlua::MultiValue, _: &Lua) -> mlua::Result<Self> {
        Err(mlua::Error::runtime("a Stack is read from Lua's stack only"))
    }

    unsafe fn from_stack_args(count: c_int, _: usize, _: Option<&str>, lua: &RawLua) -> mlua::Result<Self> {
        let first = ffi::lua_gettop(lua.state()) - count + 1;
        Ok(Stack { lua, first, count, function: "", taken: 0 })
    }
}

impl Stack {
    /// The arguments of a call to `function`, for errors that name it.
    pub fn named(self, function: &'static str) -> Stack {
        Stack { function, ..self }
    }

    pub fn next_arg(&mut self) -> (Arg<'_>, At) {
        self.taken += 1;
        let present = self.taken <= self.count;
        // SAFETY: see `lua`.
        let lua = unsafe { &*self.lua };
        let at = At::new(self.function, self.taken as usize, present, false);
        (Arg { lua, index: if present { self.first + self.taken - 1 } else { 0 } }, at)
    }

    /// Every argument not taken yet, for a variadic parameter.
    pub fn rest(&mut self) -> mlua::Result<mlua::MultiValue> {
        (self.taken..self.count).map(|_| self.next_arg().0.value()).collect()
    }
}

/// One argument on Lua's stack (`index` 0: not passed).
pub struct Arg<'s> {
    lua: &'s RawLua,
    index: c_int,
}

/// A reader of an argument of type `T` straight off the stack: `None` when the argument is
/// not of the plain shape it reads (a string, a handle, a table of known fields), and the
/// value-based reader is to take it, which also words every error.
pub type OnStack<T> = fn(&Arg, &At) -> Option<mlua::Result<T>>;

impl Arg<'_> {
    fn value(&self) -> mlua::Result<Value> {
        match self.index {
            0 => Ok(Value::Nil),
            // SAFETY: an argument of the running call; see `Stack::lua`.
            index => unsafe { Value::from_stack(index, self.lua) },
        }
    }

    pub fn read<T>(self, at: &At, on_stack: OnStack<T>, read: fn(Value, &At) -> mlua::Result<T>) -> mlua::Result<T> {
        match on_stack(&self, at) {
            Some(value) => value,
            None => read(self.value()?, at),
        }
    }

    pub fn optional<T>(
        self,
        at: &At,
        on_stack: OnStack<T>,
        read: fn(Value, &At) -> mlua::Result<T>,
    ) -> mlua::Result<Option<T>> {
        match on_stack(&self, at) {
            Some(value) => value.map(Some),
            None => optional(self.value()?, at, read),
        }
    }

    /// Lua's type of the argument, `LUA_TNONE` when it was not passed.
    fn kind(&self) -> c_int {
        match self.index {
            0 => ffi::LUA_TNONE,
            // SAFETY: an argument of the running call.
            index => unsafe { ffi::lua_type(self.lua.state(), index) },
        }
    }

    /// The bytes of a string argument, which stays on the stack while they are borrowed.
    fn string_bytes(&self) -> Option<&[u8]> {
        match self.index {
            0 => None,
            // SAFETY: an argument of the running call, on the stack while `self` lives.
            index => unsafe { string_at(self.lua.state(), index) },
        }
    }
}

/// The bytes of the string at `index` of Lua's stack, `None` for any other value (a number
/// is not converted: that would change it in place, under a table walk too).
///
/// # Safety
/// `index` is a valid index of `state`, and the slice is not used after the value leaves
/// the stack.
pub(crate) unsafe fn string_at<'a>(state: *mut ffi::lua_State, index: c_int) -> Option<&'a [u8]> {
    if ffi::lua_type(state, index) != ffi::LUA_TSTRING {
        return None;
    }
    let mut len = 0;
    let bytes = ffi::lua_tolstring(state, index, &mut len);
    Some(std::slice::from_raw_parts(bytes.cast(), len))
}

/// For types only the value-based reader reads.
pub fn not_on_stack<T>(_: &Arg, _: &At) -> Option<mlua::Result<T>> {
    None
}

pub fn bytes_on_stack(arg: &Arg, _: &At) -> Option<mlua::Result<Vec<u8>>> {
    arg.string_bytes().map(|bytes| Ok(bytes.to_vec()))
}

pub fn string_on_stack(arg: &Arg, _: &At) -> Option<mlua::Result<String>> {
    let text = std::str::from_utf8(arg.string_bytes()?).ok()?;
    Some(Ok(text.to_string()))
}

pub fn handle_on_stack<T: mlua::UserData + Copy + 'static>(arg: &Arg, _: &At) -> Option<mlua::Result<T>> {
    if arg.kind() != ffi::LUA_TUSERDATA {
        return None;
    }
    // SAFETY: an argument of the running call.
    let handle = unsafe { mlua::UserDataRef::<T>::from_stack(arg.index, arg.lua) };
    handle.ok().map(|handle| Ok(*handle))
}

/// A table of named fields read from Lua, `FIELDS` its keys.
pub trait InputTable: Sized {
    const FIELDS: &'static [&'static str];

    /// The value from its fields', `field(i)` giving the Lua value of `FIELDS[i]`.
    fn from_fields(at: &At, field: &mut dyn FnMut(usize) -> mlua::Result<Value>) -> mlua::Result<Self>;
}

/// Reads a table whose every key must be one of `T::FIELDS`: a misspelt field is an error
/// naming it, not a silently ignored value.
pub fn read_input<T: InputTable>(value: Value, at: &At) -> mlua::Result<T> {
    let table = read_table(value, at)?;
    only_fields(&table, at, T::FIELDS)?;
    T::from_fields(at, &mut |i| table.get(T::FIELDS[i]))
}

/// A table argument with no metatable (so its fields are what a raw read finds) whose every
/// key is one of `T::FIELDS`, its fields read in one walk over it.
pub fn table_on_stack<T: InputTable>(arg: &Arg, at: &At) -> Option<mlua::Result<T>> {
    if arg.kind() != ffi::LUA_TTABLE {
        return None;
    }
    let (lua, state, index) = (arg.lua, arg.lua.state(), arg.index);
    let mut values = vec![Value::Nil; T::FIELDS.len()];
    // SAFETY: a table argument of the running call; what is pushed here is popped before
    // returning, and `lua_next` walks a table this loop does not change.
    unsafe {
        if ffi::lua_checkstack(state, 3) == 0 {
            return None;
        }
        if ffi::lua_getmetatable(state, index) != 0 {
            ffi::lua_pop(state, 1);
            return None;
        }
        ffi::lua_pushnil(state);
        while ffi::lua_next(state, index) != 0 {
            let field = string_at(state, -2).and_then(|key| T::FIELDS.iter().position(|f| f.as_bytes() == key));
            match field.map(|i| (i, Value::from_stack(-1, lua))) {
                // The value off, the key left for the next step of the walk.
                Some((i, Ok(value))) => {
                    values[i] = value;
                    ffi::lua_pop(state, 1);
                }
                Some((_, Err(err))) => {
                    ffi::lua_pop(state, 2);
                    return Some(Err(err));
                }
                None => {
                    ffi::lua_pop(state, 2);
                    return None;
                }
            }
        }
    }
    Some(T::from_fields(at, &mut |i| Ok(std::mem::replace(&mut values[i], Value::Nil))))
}
