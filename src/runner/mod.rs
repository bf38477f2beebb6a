//! The `wslua` runner: a LuaJIT 2.1 (or, built so, Lua 5.4) interpreter with the `websocket` module and the Defold globals
//! described in runner.yaml (`json`, `timer`, `sys`, `pprint`), running a script in the Defold
//! lifecycle or top to bottom. `src/bin/wslua.rs` is its command line.

#[cfg(feature = "lua54")]
mod allocator;
#[cfg(feature = "lua54")]
mod bit;
mod crypt;
mod exit;
mod http;
mod json;
mod paths;
mod pprint;
mod savefile;
mod socket;
mod sys;
mod timers;
pub mod workers;

/// The glue of runner.yaml, generated at build time: one module per Lua module. A trait method
/// takes what its Lua function does (`http.request`: six arguments).
#[allow(
    clippy::too_many_arguments,
    clippy::let_and_return,
    clippy::redundant_closure_call,
    clippy::unnecessary_cast,
    clippy::derivable_impls,
    clippy::needless_question_mark,
    non_upper_case_globals
)]
pub mod glue {
    include!(concat!(env!("OUT_DIR"), "/runner_glue.rs"));
}

use crate::host::{lua_error_text, report_callback_error};
use crate::project::Project;
use crate::Host;
use exit::Exit;
use glue::builtins::BuiltinsApi;
use glue::json::{DecodeOptions, EncodeOptions, JsonApi};
use glue::timer::{TimerApi, TimerInfo};
use mlua::{Function, Lua, MultiValue, Table, Value};
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::rc::Rc;
use std::time::{Duration, Instant};
use timers::Timers;

/// What to run.
pub struct Options {
    pub script: PathBuf,
    /// game.project; `./game.project` if it exists when `None`.
    pub config: Option<PathBuf>,
    /// The script's arguments, in its global `arg`.
    pub args: Vec<String>,
}

/// Why a run ended before the script's end.
#[derive(Debug)]
pub enum RunError {
    /// The main chunk or `init` raised: its message and traceback.
    Script(mlua::Error),
    /// The run could not start: game.project, the script's file, the signal handlers.
    Setup(String),
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RunError::Script(err) => f.write_str(&lua_error_text(err)),
            RunError::Setup(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for RunError {}

impl From<mlua::Error> for RunError {
    fn from(err: mlua::Error) -> Self {
        RunError::Script(err)
    }
}

/// The Lua the runner is built with, as it names itself: `jit.version` ("LuaJIT 2.1.…") or
/// `_VERSION` ("Lua 5.4").
pub fn vm_version() -> String {
    let lua = Lua::new();
    let named: mlua::Result<String> = lua.load("return jit and jit.version or _VERSION").eval();
    named.unwrap_or_else(|e| format!("unknown Lua ({e})"))
}

/// Runs the script to its end; returns the exit status. An error in the main chunk or in
/// `init` ends the run with it.
pub fn run(options: &Options) -> Result<u8, RunError> {
    let project = match &options.config {
        Some(path) => Project::load(path).map_err(RunError::Setup)?,
        None => Project::load_default().map_err(RunError::Setup)?,
    };
    crate::logger::init(project.websocket.debug);
    if let Err(e) = rlimit::increase_nofile_limit(u64::MAX) {
        log::warn!("cannot raise the open file limit: {e}");
    }
    // Like the stock interpreter: every standard library (debug included) and C modules. mlua
    // calls that "unsafe" because a C module can do anything; a script that loads one chose it.
    let lua = unsafe { Lua::unsafe_new() };
    // LuaJIT's own allocator is already the kind mimalloc is (and its GC64 heap must stay its own).
    #[cfg(feature = "lua54")]
    allocator::use_mimalloc(&lua)?;
    let config = project.runtime_config();
    let host = Host::new(config.clone());
    if let Some((worker, count, restarted)) = workers::this_worker() {
        // One note for the whole run: worker 1 says it when it first starts.
        let note = (worker == 1 && !restarted && config.broker.is_none()).then(|| {
            format!(
                "channels stay within each of the {count} workers: set [websocket] broker = redis://... \
                 for publish to reach every worker's subscribers"
            )
        });
        host.as_worker(note);
    }
    let exit = Exit::install(&host).map_err(|e| RunError::Setup(format!("installing signal handlers: {e}")))?;
    let runner = Runner(Rc::new(State {
        host,
        exit,
        timers: RefCell::default(),
        settings: project.settings.clone(),
        requests: RefCell::default(),
    }));
    runner.setup(&lua, options)?;

    let source =
        std::fs::read(&options.script).map_err(|e| RunError::Setup(format!("{}: {e}", options.script.display())))?;
    lua.load(source).set_name(format!("@{}", options.script.display())).exec()?;
    let init: Option<Function> = lua.globals().get("init")?;
    match init {
        Some(init) => runner.lifecycle(&lua, init, project.update_frequency)?,
        None => runner.until_done(&lua),
    }
    runner.close_all();
    Ok(runner.0.exit.code())
}

/// The runner's state, shared by its globals: cheap to clone.
#[derive(Clone)]
struct Runner(Rc<State>);

struct State {
    host: Host,
    exit: Exit,
    timers: RefCell<Timers>,
    /// game.project's settings as `section.key`, for `sys.get_config`.
    settings: BTreeMap<String, String>,
    /// The callbacks of the HTTP requests in flight, by request id.
    requests: RefCell<FxHashMap<u64, Function>>,
}

impl Runner {
    /// The globals: `websocket` (also for `require`), runner.yaml's modules, `arg`, and the
    /// module search paths.
    fn setup(&self, lua: &Lua, options: &Options) -> mlua::Result<()> {
        let globals = lua.globals();
        paths::set(&globals.get::<Table>("package")?)?;
        let websocket = crate::open(lua, &self.0.host)?;
        globals.set("websocket", &websocket)?;
        globals.get::<Table>("package")?.get::<Table>("loaded")?.set("websocket", &websocket)?;
        globals.set("json", glue::json::register(lua, self.clone())?)?;
        globals.set("timer", glue::timer::register(lua, self.clone())?)?;
        let sys = glue::sys::register(lua, self.clone())?;
        missing_fields(lua, &sys, "sys", "the runner does not have it (it has what runner.yaml describes)")?;
        globals.set("sys", sys)?;
        globals.set("http", glue::http::register(lua, self.clone())?)?;
        let state = Rc::downgrade(&self.0);
        self.0.host.on_http_reply(Rc::new(move |lua, instance, reply| http::deliver(&state, lua, instance, reply)));
        globals.set("crypt", glue::crypt::register(lua, self.clone())?)?;
        globals.set("zlib", glue::zlib::register(lua, self.clone())?)?;
        // LuaJIT has its own `bit`, which this one copies.
        #[cfg(feature = "lua54")]
        globals.set("bit", glue::bit::register(lua, self.clone())?)?;
        globals.set("socket", socket::global(lua, self)?)?;
        for pair in glue::builtins::register(lua, self.clone())?.pairs::<Value, Value>() {
            let (name, function) = pair?;
            globals.set(name, function)?;
        }
        let arg = lua.create_table()?;
        arg.set(-1, std::env::args().next().unwrap_or_else(|| "wslua".into()))?;
        arg.set(0, options.script.display().to_string())?;
        for (i, value) in options.args.iter().enumerate() {
            arg.set(i as i64 + 1, value.as_str())?;
        }
        globals.set("arg", arg)
    }

    /// `init(self)`; then every frame: events, due timers, `update(self, dt)`; at the end
    /// `finalize(self)`.
    fn lifecycle(&self, lua: &Lua, init: Function, frequency: f64) -> mlua::Result<()> {
        let (host, exit) = (&self.0.host, &self.0.exit);
        let instance = lua.create_table()?;
        host.set_instance(Value::Table(instance.clone()));
        init.call::<()>(&instance)?;
        let update: Option<Function> = lua.globals().get("update")?;
        let frame = Duration::from_secs_f64(1.0 / frequency);
        let mut last = Instant::now();
        host.runtime().host_loop(async {
            while !exit.requested() {
                match &update {
                    Some(update) => {
                        let deadline = last + frame;
                        // Sleep in the event queue until the frame is due, dispatching whatever
                        // arrives.
                        while let Some(left) =
                            deadline.checked_duration_since(Instant::now()).filter(|_| !exit.requested())
                        {
                            host.dispatch(lua, Some(left)).await;
                        }
                        self.fire_timers(lua);
                        let now = Instant::now();
                        if let Err(err) = update.call::<()>((&instance, (now - last).as_secs_f64())) {
                            log::error!("error in update: {}", lua_error_text(&err));
                        }
                        last = now;
                    }
                    // No `update` to call: no frames either. The loop sleeps until an event or
                    // the next timer, so an idle script uses no CPU (60 wake-ups a second cost
                    // 2% of a core).
                    None => {
                        let next = self.0.timers.borrow().next_due();
                        host.dispatch(lua, next.map(|due| due.saturating_duration_since(Instant::now()))).await;
                        self.fire_timers(lua);
                    }
                }
            }
        });
        let finalize: Option<Function> = lua.globals().get("finalize")?;
        if let Some(finalize) = finalize {
            if let Err(err) = finalize.call::<()>(&instance) {
                log::error!("error in finalize: {}", lua_error_text(&err));
            }
        }
        Ok(())
    }

    /// A plain script: events and timers until no connection, server or timer is left.
    fn until_done(&self, lua: &Lua) {
        let (host, exit) = (&self.0.host, &self.0.exit);
        let done = || host.runtime().is_idle() && self.0.timers.borrow().is_empty();
        host.runtime().host_loop(async {
            while !exit.requested() && !done() {
                let next = self.0.timers.borrow().next_due();
                host.dispatch(lua, next.map(|due| due.saturating_duration_since(Instant::now()))).await;
                self.fire_timers(lua);
            }
        });
    }

    /// Calls the callbacks of the timers that are due; an error in one is reported and the
    /// others still run.
    fn fire_timers(&self, lua: &Lua) {
        // Taken out first: a callback may start or cancel timers.
        let fired = self.0.timers.borrow_mut().take_due(Instant::now());
        let instance = self.0.host.instance();
        for timer in fired {
            if let Err(err) =
                glue::timer::call_timer_callback(lua, &timer.callback, &instance, timer.handle, timer.elapsed)
            {
                report_callback_error(&err);
            }
        }
    }

    /// Closes what the script left open (queued messages first, then a close frame), waiting a
    /// bounded time for the peers to answer.
    fn close_all(&self) {
        let runtime = self.0.host.runtime();
        runtime.shutdown();
        // A little more than each connection's own close timeout, so they can all end cleanly.
        let deadline = Instant::now() + runtime.config().close_timeout + Duration::from_secs(1);
        while !runtime.is_idle() {
            let Some(left) = deadline.checked_duration_since(Instant::now()) else { break };
            runtime.next_event(Some(left));
        }
    }
}

/// Makes reading a field `table` does not have an error naming it and saying `why`, where Lua
/// would give `nil` and a later `attempt to call a nil value`.
fn missing_fields(lua: &Lua, table: &Table, module: &str, why: &str) -> mlua::Result<()> {
    let missing: Function = lua
        .load(
            "local module, why = ... \
             return function(_, key) error(module .. '.' .. tostring(key) .. ': ' .. why, 2) end",
        )
        .call((module, why))?;
    let meta = lua.create_table()?;
    meta.set("__index", missing)?;
    table.set_metatable(Some(meta))
}

fn runtime_error(message: String) -> mlua::Error {
    mlua::Error::RuntimeError(message)
}

impl JsonApi for Runner {
    fn encode(&self, _: &Lua, tbl: Value, options: EncodeOptions) -> mlua::Result<String> {
        json::encode(&tbl, options.encode_empty_table_as_object)
            .map_err(|e| runtime_error(format!("cannot encode {e}")))
    }

    fn decode(&self, lua: &Lua, json: String, options: DecodeOptions) -> mlua::Result<Value> {
        json::decode(lua, &json, options.decode_null_as_userdata).map_err(runtime_error)
    }
}

impl TimerApi for Runner {
    fn delay(&self, _: &Lua, delay: f64, repeating: bool, callback: Function) -> mlua::Result<i64> {
        // The glue has checked it is a number of seconds from 0 to a day.
        let every = Duration::try_from_secs_f64(delay).unwrap_or_default();
        Ok(self.0.timers.borrow_mut().delay(every, repeating, callback))
    }

    fn cancel(&self, _: &Lua, handle: i64) -> mlua::Result<bool> {
        Ok(self.0.timers.borrow_mut().cancel(handle))
    }

    fn trigger(&self, lua: &Lua, handle: i64) -> mlua::Result<bool> {
        // Taken out first: the callback may start or cancel timers.
        let Some(timer) = self.0.timers.borrow_mut().trigger(handle, Instant::now()) else { return Ok(false) };
        let instance = self.0.host.instance();
        glue::timer::call_timer_callback(lua, &timer.callback, &instance, timer.handle, timer.elapsed)?;
        Ok(true)
    }

    fn get_info(&self, _: &Lua, handle: i64) -> mlua::Result<Option<TimerInfo>> {
        let info = self.0.timers.borrow().info(handle, Instant::now());
        Ok(info.map(|(remaining, every, repeating)| TimerInfo {
            time_remaining: remaining.as_secs_f64(),
            delay: every.as_secs_f64(),
            repeating,
        }))
    }
}

impl BuiltinsApi for Runner {
    fn pprint(&self, lua: &Lua, values: MultiValue) -> mlua::Result<()> {
        // Through Lua's own print, so the output keeps its order with the script's prints.
        let print: Function = lua.globals().get("print")?;
        for value in values {
            print.call::<()>(pprint::format(&value))?;
        }
        Ok(())
    }
}
