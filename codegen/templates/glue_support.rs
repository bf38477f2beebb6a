/// Conversions shared by the generated functions. The `__wslua` prefix keeps these names apart
/// from anything `api.yaml` can name.
#[allow(dead_code)]
pub mod __wslua {
    // `RawLua` and the `from_stack`, `from_stack_args` and `push_into_stack_multi` methods of
    // mlua's conversion traits are the hooks mlua's own conversions use, public but left out of
    // its documentation: the glue implements and calls them to read and push values on Lua's
    // stack without a reference or a `MultiValue` each. A new mlua is to be checked against them.
    use mlua::state::RawLua;
    use mlua::{ffi, FromLua, FromLuaMulti, IntoLuaMulti, Lua, Table, Value};
    use std::fmt::Display;
    use std::os::raw::c_int;

    /// Wraps `raw`, a function that returns `ok, result...`, into a C function that returns
    /// `result...` or raises `result` as a plain string error at its caller's position, as
    /// `luaL_error` would: Lua code sees a string, and tracebacks show the binding as
    /// `[C]: in function 'websocket.send'`, with no frame of glue.
    pub fn raising(lua: &Lua, raw: mlua::Function) -> mlua::Result<mlua::Function> {
        // SAFETY: pushes one C closure over the function given as the only argument.
        unsafe { lua.exec_raw(raw, |state| mlua::ffi::lua_pushcclosure(state, raise, 1)) }
    }

    /// The body of [`raising`]'s closures. It holds no Rust value, so `lua_error` may jump
    /// over its frame, as over any C function's.
    unsafe extern "C-unwind" fn raise(state: *mut mlua::ffi::lua_State) -> std::os::raw::c_int {
        use mlua::ffi;
        let args = ffi::lua_gettop(state);
        ffi::lua_pushvalue(state, ffi::lua_upvalueindex(1));
        ffi::lua_insert(state, 1);
        ffi::lua_call(state, args, ffi::LUA_MULTRET);
        if ffi::lua_toboolean(state, 1) != 0 {
            ffi::lua_remove(state, 1);
            return ffi::lua_gettop(state);
        }
        ffi::luaL_where(state, 1);
        ffi::lua_pushvalue(state, 2);
        ffi::lua_concat(state, 2);
        ffi::lua_error(state)
    }

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

    /// A function's result as `ok, result...` for [`raising`]: the error as its plain message.
    pub fn protect<R: IntoLuaMulti>(result: mlua::Result<R>) -> Protected<R> {
        match result {
            Ok(values) => Protected::Ok(values),
            Err(err) => Protected::Err(message(&err)),
        }
    }

    /// What [`protect`] returns: pushed onto Lua's stack as it is, where a `MultiValue` would
    /// first be collected (an allocation per call).
    pub enum Protected<R> {
        Ok(R),
        Err(String),
    }

    impl<R: IntoLuaMulti> IntoLuaMulti for Protected<R> {
        fn into_lua_multi(self, lua: &Lua) -> mlua::Result<mlua::MultiValue> {
            match self {
                Protected::Ok(values) => (true, values).into_lua_multi(lua),
                Protected::Err(message) => (false, message).into_lua_multi(lua),
            }
        }

        unsafe fn push_into_stack_multi(self, lua: &RawLua) -> mlua::Result<c_int> {
            match self {
                Protected::Ok(values) => (true, values).push_into_stack_multi(lua),
                Protected::Err(message) => (false, message).push_into_stack_multi(lua),
            }
        }
    }

    fn message(err: &mlua::Error) -> String {
        match err {
            mlua::Error::RuntimeError(message) => message.clone(),
            mlua::Error::CallbackError { cause, .. } => message(cause),
            other => other.to_string(),
        }
    }

    /// Where a value comes from, for errors worded like Lua's own `luaL_argerror`.
    #[derive(Clone, Debug)]
    pub struct At {
        pub function: &'static str,
        pub index: usize,
        pub field: Option<&'static str>,
        /// The position in a sequence, for an element of an array.
        pub element: Option<usize>,
        /// False when the caller passed fewer arguments (Lua says "no value", not "nil").
        pub present: bool,
        /// A value a Lua callback returned, not an argument passed to a function.
        pub returned: bool,
    }

    impl At {
        fn new(function: &'static str, index: usize, present: bool, returned: bool) -> At {
            At { function, index, field: None, element: None, present, returned }
        }

        pub fn field(&self, name: &'static str) -> At {
            At { field: Some(name), present: true, ..self.clone() }
        }

        pub fn element(&self, position: usize) -> At {
            At { element: Some(position), present: true, ..self.clone() }
        }

        pub fn error(&self, message: impl Display) -> mlua::Error {
            let field = self.field.map(|f| format!("field '{f}': ")).unwrap_or_default();
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
    unsafe fn string_at<'a>(state: *mut ffi::lua_State, index: c_int) -> Option<&'a [u8]> {
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

    /// The type name Lua itself would report.
    pub fn type_name(value: &Value) -> &'static str {
        match value {
            Value::Integer(_) | Value::Number(_) => "number",
            Value::LightUserData(_) | Value::UserData(_) => "userdata",
            other => other.type_name(),
        }
    }

    pub fn optional<T>(value: Value, at: &At, read: fn(Value, &At) -> mlua::Result<T>) -> mlua::Result<Option<T>> {
        match value {
            Value::Nil => Ok(None),
            value => read(value, at).map(Some),
        }
    }

    /// Lua strings are bytes; numbers convert as `luaL_checklstring` converts them.
    pub fn read_bytes(value: Value, at: &At) -> mlua::Result<Vec<u8>> {
        match value {
            Value::String(s) => Ok(s.as_bytes().to_vec()),
            Value::Integer(i) => Ok(i.to_string().into_bytes()),
            Value::Number(n) if n.fract() == 0.0 && n.is_finite() => Ok(format!("{n:.1}").into_bytes()),
            Value::Number(n) => Ok(n.to_string().into_bytes()),
            other => Err(at.expected("string", &other)),
        }
    }

    pub fn read_string(value: Value, at: &At) -> mlua::Result<String> {
        String::from_utf8(read_bytes(value, at)?).map_err(|_| at.error("string is not valid UTF-8"))
    }

    pub fn read_integer(value: Value, at: &At) -> mlua::Result<i64> {
        match value {
            // mlua's Integer is i64 for Lua 5.4 and may be isize for LuaJIT.
            Value::Integer(i) => Ok(i as i64),
            Value::Number(n) if n.fract() == 0.0 && n >= i64::MIN as f64 && n < i64::MAX as f64 => Ok(n as i64),
            Value::Number(_) => Err(at.error("number has no integer representation")),
            other => Err(at.expected("number", &other)),
        }
    }

    /// An integer that must be one of a group of constants.
    pub fn read_constant(value: Value, at: &At, allowed: &[i64], expected: &str) -> mlua::Result<i64> {
        let got = read_integer(value, at)?;
        if allowed.contains(&got) {
            Ok(got)
        } else {
            Err(at.error(format!("{expected} expected, got {got}")))
        }
    }

    pub fn read_number(value: Value, at: &At) -> mlua::Result<f64> {
        match value {
            Value::Integer(i) => Ok(i as f64),
            Value::Number(n) => Ok(n),
            other => Err(at.expected("number", &other)),
        }
    }

    pub fn read_boolean(value: Value, at: &At) -> mlua::Result<bool> {
        match value {
            Value::Boolean(b) => Ok(b),
            other => Err(at.expected("boolean", &other)),
        }
    }

    pub fn read_function(value: Value, at: &At) -> mlua::Result<mlua::Function> {
        match value {
            Value::Function(f) => Ok(f),
            other => Err(at.expected("function", &other)),
        }
    }

    pub fn read_any(value: Value, _at: &At) -> mlua::Result<Value> {
        Ok(value)
    }

    pub fn read_table(value: Value, at: &At) -> mlua::Result<Table> {
        match value {
            Value::Table(t) => Ok(t),
            other => Err(at.expected("table", &other)),
        }
    }

    /// A Lua sequence (keys 1..n) of values `read` accepts.
    pub fn read_array<T>(value: Value, at: &At, read: fn(Value, &At) -> mlua::Result<T>) -> mlua::Result<Vec<T>> {
        let table = read_table(value, at)?;
        let mut items = Vec::with_capacity(table.raw_len());
        for (i, item) in table.sequence_values::<Value>().enumerate() {
            items.push(read(item?, &at.element(i + 1))?);
        }
        Ok(items)
    }

    /// A value of a union type (`string|map`): the first type's or the second's.
    #[derive(Debug, Clone, PartialEq)]
    pub enum Either<A, B> {
        First(A),
        Second(B),
    }

    /// Reads with `first` or `second`, whichever's Lua type (`kinds`) the value has.
    pub fn read_either<A, B>(
        value: Value,
        at: &At,
        kinds: [&str; 2],
        first: fn(Value, &At) -> mlua::Result<A>,
        second: fn(Value, &At) -> mlua::Result<B>,
    ) -> mlua::Result<Either<A, B>> {
        match type_name(&value) {
            kind if kind == kinds[0] => first(value, at).map(Either::First),
            kind if kind == kinds[1] => second(value, at).map(Either::Second),
            _ => Err(at.expected(&format!("{} or {}", kinds[0], kinds[1]), &value)),
        }
    }

    /// A table of string keys to string values, as pairs sorted by key.
    pub fn read_map(value: Value, at: &At) -> mlua::Result<Vec<(String, String)>> {
        let table = read_table(value, at)?;
        let mut pairs = Vec::new();
        for pair in table.pairs::<Value, Value>() {
            let (key, value) = pair?;
            let Value::String(key) = key else {
                return Err(at.error(format!("{} key where string keys are expected", type_name(&key))));
            };
            let key = key.to_str().map_err(|_| at.error("a key is not valid UTF-8"))?.to_string();
            let value = match value {
                Value::String(s) => s.to_str().map_err(|_| at.error(format!("'{key}': not valid UTF-8")))?.to_string(),
                other => return Err(at.error(format!("'{key}': string expected, got {}", type_name(&other)))),
            };
            pairs.push((key, value));
        }
        pairs.sort();
        Ok(pairs)
    }

    pub fn read_handle<T: mlua::UserData + Copy + 'static>(value: Value, at: &At, name: &str) -> mlua::Result<T> {
        match &value {
            Value::UserData(data) => data.borrow::<T>().map(|h| *h).map_err(|_| at.expected(name, &value)),
            _ => Err(at.expected(name, &value)),
        }
    }

    /// Every key of a table read from Lua must be one of `fields`: a misspelt field is an error
    /// naming it and the nearest field, not a silently ignored value.
    pub fn only_fields(table: &Table, at: &At, fields: &[&str]) -> mlua::Result<()> {
        // Looked at on Lua's stack first, which takes no reference per key; the error, rare, is
        // found again below.
        let is_field = |name: &[u8]| fields.iter().any(|field| field.as_bytes() == name);
        let mut known = true;
        table.for_each(|key: StackKey, _: Unread| {
            known &= key.0.is_some_and(is_field);
            Ok(())
        })?;
        if known {
            return Ok(());
        }
        for pair in table.pairs::<Value, Value>() {
            let (key, _) = pair?;
            let name = match &key {
                Value::String(name) => name,
                other => return Err(at.error(format!("{} key in a table of named fields", type_name(other)))),
            };
            if !is_field(&name.as_bytes()) {
                let name = name.to_string_lossy();
                return Err(at.error(format!("unknown field '{name}'{}", did_you_mean(&name, fields))));
            }
        }
        Ok(())
    }

    /// A table key as [`Table::for_each`] hands it over: the bytes of a string key, borrowed
    /// from Lua's stack, where it stays while the callback runs (and in the table).
    struct StackKey(Option<&'static [u8]>);

    impl mlua::FromLua for StackKey {
        fn from_lua(_: Value, _: &Lua) -> mlua::Result<Self> {
            unreachable!("for_each reads keys from the stack")
        }

        unsafe fn from_stack(idx: c_int, lua: &RawLua) -> mlua::Result<Self> {
            // SAFETY: the key of the walk's step; the slice does not outlive the callback it is
            // passed to (StackKey is private to only_fields).
            Ok(StackKey(string_at(lua.state(), idx)))
        }
    }

    /// A table value [`Table::for_each`] leaves on Lua's stack.
    struct Unread;

    impl mlua::FromLua for Unread {
        fn from_lua(_: Value, _: &Lua) -> mlua::Result<Self> {
            Ok(Unread)
        }

        unsafe fn from_stack(_: c_int, _: &RawLua) -> mlua::Result<Self> {
            Ok(Unread)
        }
    }

    /// "; did you mean 'x'?" for the nearest of `names` within a few edits, else "".
    pub fn did_you_mean(name: &str, names: &[&str]) -> String {
        let nearest = names
            .iter()
            .map(|n| (strsim::levenshtein(name, n), n))
            .filter(|(distance, n)| *distance <= 2.max(n.len() / 3))
            .min_by_key(|(distance, _)| *distance);
        nearest.map(|(_, n)| format!("; did you mean '{n}'?")).unwrap_or_default()
    }

    /// `value` if it lies within `min..=max` (either may be absent); NaN lies within nothing.
    pub fn in_range<T: PartialOrd + Display>(value: T, min: Option<T>, max: Option<T>) -> Result<T, String> {
        let low = min.as_ref().is_none_or(|min| value >= *min);
        let high = max.as_ref().is_none_or(|max| value <= *max);
        match (min, max) {
            _ if low && high => Ok(value),
            (Some(min), Some(max)) => Err(format!("must be from {min} to {max}, got {value}")),
            (Some(min), None) => Err(format!("must be at least {min}, got {value}")),
            (None, Some(max)) => Err(format!("must be at most {max}, got {value}")),
            (None, None) => Ok(value),
        }
    }

    pub fn parse_integer(text: &str) -> Result<i64, String> {
        text.trim().parse().map_err(|_| format!("'{text}' is not an integer"))
    }

    pub fn parse_number(text: &str) -> Result<f64, String> {
        text.trim().parse().map_err(|_| format!("'{text}' is not a number"))
    }

    pub fn parse_boolean(text: &str) -> Result<bool, String> {
        match text.trim() {
            "1" | "true" => Ok(true),
            "0" | "false" => Ok(false),
            _ => Err(format!("'{text}' is not 0, 1, true or false")),
        }
    }

    pub fn parse_string(text: &str) -> Result<String, String> {
        Ok(text.to_string())
    }
}
