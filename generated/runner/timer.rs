// Generated from runner.yaml by wslua-codegen — do not edit.
// The `timer` Lua module: typed values, the trait the host implements, and the
// registration that checks Lua arguments and converts them.
//
// Timers of the runner's frame loop, with the behaviour of Defold's `timer` module: a callback
// runs on the Lua thread, in the frame in which its delay has passed, with the script instance
// as `self`. A plain script (one without `init`) runs until its timers are done too.

// The conversions it calls are the crate wslua-glue-support (glue-support/), named `__wslua`
// here so that no name api.yaml gives can collide with it.
use wslua_glue_support as __wslua;

// timer_handle: Handles of `timer.delay`.

/// A handle no timer has.
pub const INVALID_TIMER_HANDLE: i64 = 0;

fn __wslua_read_timer_handle(value: mlua::Value, at: &__wslua::At) -> mlua::Result<i64> {
    __wslua::read_constant(value, at, &[INVALID_TIMER_HANDLE], "timer.INVALID_TIMER_HANDLE")
}

/// What `timer.get_info` tells of a running timer.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TimerInfo {
    /// The time until it fires next.
    pub time_remaining: f64,
    /// The delay it was started with.
    pub delay: f64,
    /// Whether it fires again after this time.
    pub repeating: bool,
}

impl __wslua::Push for TimerInfo {
    unsafe fn push_to(&self, state: *mut mlua::ffi::lua_State) {
        static KEYS: __wslua::Keys = __wslua::Keys(&[c"time_remaining", c"delay", c"repeating"]);
        let present = [true, true, true];
        __wslua::new_record(state, &KEYS, present.iter().filter(|p| **p).count());
        __wslua::set(state, 1, &self.time_remaining);
        __wslua::set(state, 2, &self.delay);
        __wslua::set(state, 3, &self.repeating);
        __wslua::end_record(state);
    }
}

impl __wslua::Written for TimerInfo {}

/// Calls a Lua `timer.timer_callback`: Called when a timer fires.
pub fn call_timer_callback(
    lua: &mlua::Lua,
    function: &mlua::Function,
    self_: &mlua::Value,
    handle: i64,
    time_elapsed: f64,
) -> mlua::Result<()> {
    let _ = lua;
    let args = (
        {
            let v = self_;
            v
        },
        {
            let v = handle;
            v
        },
        {
            let v = time_elapsed;
            v
        },
    );
    let returned = function.call(args);
    returned
}

/// The `timer` module, one method per Lua function. The host implements it; a function
/// added to api.yaml is a compile error until it does.
pub trait TimerApi: 'static {
    /// Starts a timer: after `delay` seconds, `callback` is called; with `repeating`, again every `delay` seconds until `timer.cancel`. A delay of `0` fires in the next frame.
    /// - `delay`: The time to wait.
    /// - `repeating`: Whether the timer fires again every `delay` seconds.
    /// - `callback`: Called each time the timer fires.
    ///
    /// Returns `handle`: The timer's handle, for `timer.cancel`.
    ///
    /// Try to reconnect in two seconds.
    /// ```lua
    /// timer.delay(2, false, function(self, handle, time_elapsed)
    ///   self.connection = websocket.connect(self.url, nil, on_event)
    /// end)
    /// ```
    fn delay(&self, lua: &mlua::Lua, delay: f64, repeating: bool, callback: mlua::Function) -> mlua::Result<i64>;
    /// Stops a timer; its callback is not called again.
    /// - `handle`: A handle from `timer.delay`.
    ///
    /// Returns `cancelled`: Whether a running timer was stopped (`false` for one that has ended or never was).
    ///
    /// Stop a repeating timer.
    /// ```lua
    /// local handle = timer.delay(1, true, function() print("tick") end)
    /// timer.cancel(handle)
    /// ```
    fn cancel(&self, lua: &mlua::Lua, handle: i64) -> mlua::Result<bool>;
    /// Calls a running timer's callback now, as if its delay had passed: a repeating timer starts its next interval from now, a one-shot timer ends.
    /// - `handle`: A handle from `timer.delay`.
    ///
    /// Returns `triggered`: Whether a running timer was triggered (`false` for one that has ended or never was).
    ///
    /// Send a heartbeat now instead of at the next tick.
    /// ```lua
    /// local beat = timer.delay(5, true, function() print("beat") end)
    /// timer.trigger(beat)
    /// ```
    fn trigger(&self, lua: &mlua::Lua, handle: i64) -> mlua::Result<bool>;
    /// What a running timer is waiting for.
    /// - `handle`: A handle from `timer.delay`.
    ///
    /// Returns `info`: The timer's state, or `nil` for a timer that has ended or never was.
    ///
    /// Show how long until the next try.
    /// ```lua
    /// local retry = timer.delay(2, false, function() end)
    /// local info = timer.get_info(retry)
    /// print(string.format("next try in %.1f s", info.time_remaining))
    /// ```
    fn get_info(&self, lua: &mlua::Lua, handle: i64) -> mlua::Result<Option<TimerInfo>>;
}

/// Builds the `timer` table: constants, and every function checking its arguments
/// before calling `api`.
pub fn register<A: TimerApi>(lua: &mlua::Lua, api: A) -> mlua::Result<mlua::Table> {
    let api = std::rc::Rc::new(api);
    let module = lua.create_table()?;
    module.raw_set("INVALID_TIMER_HANDLE", INVALID_TIMER_HANDLE)?;
    let __wslua_api = api.clone();
    let delay = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("delay");
            let delay = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::not_on_stack, |value, at: &__wslua::At| {
                    __wslua::read_number(value, at)
                        .and_then(|v| __wslua::in_range(v, Some(0.0), Some(86400.0)).map_err(|e| at.error(e)))
                })?
            };
            let repeating = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::not_on_stack, __wslua::read_boolean)?
            };
            let callback = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::not_on_stack, __wslua::read_function)?
            };
            let result =
                __wslua_api.delay(lua, delay, repeating, callback).map_err(|e| __wslua::in_function("delay", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("delay", __wslua::raising(lua, delay)?)?;
    let __wslua_api = api.clone();
    let cancel = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("cancel");
            let handle = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::not_on_stack, __wslua::read_integer)?
            };
            let result = __wslua_api.cancel(lua, handle).map_err(|e| __wslua::in_function("cancel", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("cancel", __wslua::raising(lua, cancel)?)?;
    let __wslua_api = api.clone();
    let trigger = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("trigger");
            let handle = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::not_on_stack, __wslua::read_integer)?
            };
            let result = __wslua_api.trigger(lua, handle).map_err(|e| __wslua::in_function("trigger", e));
            result
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("trigger", __wslua::raising(lua, trigger)?)?;
    let __wslua_api = api.clone();
    let get_info = lua.create_function(move |lua, args: __wslua::Stack| {
        let result = (|| {
            let mut __wslua_args = args.named("get_info");
            let handle = {
                let (arg, at) = __wslua_args.next_arg();
                arg.read(&at, __wslua::not_on_stack, __wslua::read_integer)?
            };
            let result = __wslua_api.get_info(lua, handle).map_err(|e| __wslua::in_function("get_info", e));
            result.and_then(|v| {
                Ok(match v {
                    Some(v) => mlua::Value::Table(__wslua::to_table(lua, &v)?),
                    None => mlua::Value::Nil,
                })
            })
        })();
        Ok(__wslua::protect(result))
    })?;
    module.raw_set("get_info", __wslua::raising(lua, get_info)?)?;
    Ok(module)
}
