//! The fixture's generated glue, driven from LuaJIT: arguments are checked with the messages
//! Lua users know from the standard library, defaults are applied, constants registered, and
//! callback data built from typed structs.

use mlua::{Lua, Value};
use std::cell::RefCell;
use std::rc::Rc;
use wslua_fixture_glue::*;

/// Records each call as the Rust side received it.
#[derive(Clone, Default)]
struct Recorder(Rc<RefCell<Vec<String>>>);

impl FixtureApi for Recorder {
    fn open(
        &self,
        lua: &Lua,
        url: String,
        options: Options,
        callback: mlua::Function,
    ) -> mlua::Result<mlua::AnyUserData> {
        self.0.borrow_mut().push(format!("open {url} {options:?}"));
        let handle = lua.create_userdata(Handle(7))?;
        let data = EventData {
            event: RED,
            payload: Some(bytes::Bytes::from_static(b"\0bytes\xff")),
            pairs: Some(vec![("k".into(), "v".into())]),
        };
        call_callback(lua, &callback, &Value::Boolean(true), &handle, &data)?;
        Ok(handle)
    }

    fn write(&self, _: &Lua, handle: Handle, data: Vec<u8>, count: i64, scale: Option<f64>) -> mlua::Result<i64> {
        self.0.borrow_mut().push(format!("write {handle:?} {data:?} {count} {scale:?}"));
        Ok(data.len() as i64 * count)
    }

    fn close(&self, _: &Lua, handle: Handle) -> mlua::Result<()> {
        Err(mlua::Error::RuntimeError(format!("cannot close {}", handle.0)))
    }
}

fn lua() -> (Lua, Recorder) {
    let lua = Lua::new();
    let recorder = Recorder::default();
    let module = register(&lua, recorder.clone()).unwrap();
    lua.globals().set("fixture", module).unwrap();
    (lua, recorder)
}

/// The error message a Lua statement raises, as `pcall` sees it, without the `t:1: ` position
/// prefix that Lua adds (asserted here, so every error names the caller's line).
fn error_of(lua: &Lua, statement: &str) -> String {
    let code = format!("local ok, err = pcall(function() {statement} end); assert(not ok, 'no error'); return err");
    let err: Value = lua.load(&code).set_name("=t").eval().unwrap_or_else(|e| panic!("{statement}: {e}"));
    match err {
        Value::String(s) => {
            let text = s.to_str().unwrap().to_string();
            text.strip_prefix("t:1: ").unwrap_or_else(|| panic!("{statement}: no position in {text:?}")).to_string()
        }
        other => panic!("{statement}: the error is a {}, not a string", other.type_name()),
    }
}

#[test]
fn wrong_argument_types_raise_lua_style_errors() {
    let (lua, recorder) = lua();
    lua.load("h = fixture.open('u', nil, function() end)").exec().unwrap();
    let cases = [
        ("fixture.open()", "bad argument #1 to 'open' (string expected, got no value)"),
        ("fixture.open({}, nil, print)", "bad argument #1 to 'open' (string expected, got table)"),
        ("fixture.open('u', 5, print)", "bad argument #2 to 'open' (table expected, got number)"),
        (
            "fixture.open('u', {timeout = 'x'}, print)",
            "bad argument #2 to 'open' (field 'timeout': number expected, got string)",
        ),
        (
            "fixture.open('u', {timeout = 1.5}, print)",
            "bad argument #2 to 'open' (field 'timeout': number has no integer representation)",
        ),
        (
            "fixture.open('u', {ratio = true}, print)",
            "bad argument #2 to 'open' (field 'ratio': number expected, got boolean)",
        ),
        (
            "fixture.open('u', {name = {}}, print)",
            "bad argument #2 to 'open' (field 'name': string expected, got table)",
        ),
        (
            "fixture.open('u', {color = 3}, print)",
            "bad argument #2 to 'open' (field 'color': fixture.RED or fixture.BLUE expected, got 3)",
        ),
        (
            "fixture.open('u', {flag = 1}, print)",
            "bad argument #2 to 'open' (field 'flag': boolean expected, got number)",
        ),
        ("fixture.open('u', nil, 'f')", "bad argument #3 to 'open' (function expected, got string)"),
        ("fixture.open('u', nil)", "bad argument #3 to 'open' (function expected, got no value)"),
        ("fixture.open('u', nil, nil)", "bad argument #3 to 'open' (function expected, got nil)"),
        ("fixture.write(nil, 'x')", "bad argument #1 to 'write' (fixture.handle expected, got nil)"),
        ("fixture.write({}, 'x')", "bad argument #1 to 'write' (fixture.handle expected, got table)"),
        ("fixture.write(h, {})", "bad argument #2 to 'write' (string expected, got table)"),
        ("fixture.write(h, 'x', 'many')", "bad argument #3 to 'write' (number expected, got string)"),
        ("fixture.write(h, 'x', 1, 'big')", "bad argument #4 to 'write' (number expected, got string)"),
        ("fixture.write(h, 'x', 0)", "bad argument #3 to 'write' (must be at least 1, got 0)"),
        (
            "fixture.open('u', {timeuot = 1}, print)",
            "bad argument #2 to 'open' (unknown field 'timeuot'; did you mean 'timeout'?)",
        ),
        ("fixture.open('u', {zzz = 1}, print)", "bad argument #2 to 'open' (unknown field 'zzz')"),
        (
            "fixture.open('u', {[true] = 1}, print)",
            "bad argument #2 to 'open' (boolean key in a table of named fields)",
        ),
        ("fixture.write(h, 'x', -2^53)", "bad argument #3 to 'write' (must be at least 1, got -9007199254740992)"),
        // A host error, after the function's name (the glue's in_function).
        ("fixture.close(h)", "close: cannot close 7"),
    ];
    for (statement, expected) in cases {
        assert_eq!(error_of(&lua, statement), expected, "{statement}");
    }
    // Nothing reached the implementation but the first, valid open.
    assert_eq!(recorder.0.borrow().len(), 1);
}

#[test]
fn errors_carry_the_callers_position() {
    let (lua, _) = lua();
    let err = lua.load("fixture.open()").set_name("=script.lua").exec().unwrap_err().to_string();
    assert!(err.contains("script.lua:1: bad argument #1 to 'open'"), "{err}");
}

#[test]
fn defaults_are_applied_and_values_converted() {
    let (lua, recorder) = lua();
    let written: i64 = lua
        .load(
            r#"
            local h = fixture.open("ws://x", nil, function() end)
            fixture.open("ws://y", { timeout = 10, name = "n", color = fixture.RED, flag = true, ratio = 2 }, function() end)
            fixture.write(h, 42)
            return fixture.write(h, "\0ab", 3, 0.25)
            "#,
        )
        .eval()
        .unwrap();
    assert_eq!(written, 9);
    let calls = recorder.0.borrow();
    assert_eq!(calls[0], "open ws://x Options { timeout: 3000, ratio: 0.5, name: None, color: 2, flag: false }");
    assert_eq!(calls[1], "open ws://y Options { timeout: 10, ratio: 2.0, name: Some(\"n\"), color: 1, flag: true }");
    assert_eq!(calls[2], "write Handle(7) [52, 50] 1 None");
    assert_eq!(calls[3], "write Handle(7) [0, 97, 98] 3 Some(0.25)");
}

#[test]
fn constants_handles_and_callback_data_reach_lua() {
    let (lua, _) = lua();
    let report: String = lua
        .load(
            r#"
            local seen
            local h = fixture.open("u", nil, function(self, handle, data)
              seen = { self = self, handle = handle, data = data }
            end)
            assert(seen.handle == h, "the callback gets the returned handle")
            assert(rawequal(seen.handle, h), "one userdata per handle")
            return table.concat({
              tostring(fixture.RED), tostring(fixture.BLUE), tostring(seen.self), tostring(h),
              tostring(seen.data.event), (seen.data.payload:gsub(".", function(c) return string.format("%02x", c:byte()) end)), seen.data.pairs.k,
            }, " ")
            "#,
        )
        .eval()
        .unwrap();
    assert_eq!(report, "1 2 true fixture.handle: 7 1 006279746573ff v");
}

#[test]
fn each_calls_the_callback_once_per_table_until_one_raises() {
    let lua = Lua::new();
    let handle = lua.create_userdata(Handle(3)).unwrap();
    let callback: mlua::Function = lua
        .load(
            r#"
            seen = {}
            return function(self, handle, data)
              seen[#seen + 1] = data.payload
              assert(data.payload ~= "c", "no c")
            end
            "#,
        )
        .eval()
        .unwrap();
    let table = |payload: &'static str| EventData {
        event: RED,
        payload: Some(bytes::Bytes::from_static(payload.as_bytes())),
        pairs: None,
    };
    let mut rest = vec![table("d"), table("c"), table("b")];
    let mut asked = 0;
    let mut next = |data: &mut Option<EventData>| {
        asked += 1;
        *data = rest.pop();
    };
    let mut data = Some(table("a"));
    let err = call_callback_each(&lua, &callback, &Value::Nil, &handle, &mut data, &mut next).unwrap_err();
    // "c" raised: the calls before it were made, none after it, and its table is left.
    assert!(err.to_string().contains("no c"), "{err}");
    assert!(err.to_string().contains("stack traceback"), "{err}");
    assert_eq!(asked, 2);
    assert_eq!(data.and_then(|d| d.payload), Some(bytes::Bytes::from_static(b"c")));
    let seen: Vec<String> = lua.load("return seen").eval().unwrap();
    assert_eq!(seen, ["a", "b", "c"]);
    // Going on from the next table, until `next` leaves none.
    let mut data = rest.pop();
    call_callback_each(&lua, &callback, &Value::Nil, &handle, &mut data, &mut |data| *data = None).unwrap();
    let seen: Vec<String> = lua.load("return seen").eval().unwrap();
    assert_eq!(seen, ["a", "b", "c", "d"]);
}

#[test]
fn config_keys_parse_with_defaults_and_errors() {
    let mut config = FixtureConfig::default();
    assert_eq!((config.level, config.rate, config.verbose, config.label.as_str()), (0, 1.5, false, "x"));
    assert_eq!(config.set("level", " 2 "), Ok(true));
    assert_eq!(config.set("verbose", "1"), Ok(true));
    assert_eq!(config.set("unknown", "1"), Ok(false));
    assert_eq!(config.set("rate", "fast"), Err("[fixture] rate: 'fast' is not a number".to_string()));
    assert_eq!(config.set("rate", "0.05"), Err("[fixture] rate: must be from 0.1 to 60, got 0.05".to_string()));
    assert_eq!(config.set("rate", "NaN"), Err("[fixture] rate: must be from 0.1 to 60, got NaN".to_string()));
    assert_eq!(config.set("rate", "60"), Ok(true));
    assert_eq!((config.level, config.verbose), (2, true));
}
