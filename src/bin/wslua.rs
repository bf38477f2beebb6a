//! `wslua SCRIPT.lua [--config FILE] [-- ARGS]`: runs a Lua 5.4 script with the `websocket`
//! module, in the Defold script lifecycle when the script defines `init`.

use clap::Parser;
use mlua::{Function, Lua, Table, Value};
use std::cell::Cell;
use std::path::PathBuf;
use std::process::ExitCode;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use wslua::project::Project;
use wslua::Host;

#[derive(Parser)]
#[command(version, about = "Run a Lua script with the websocket module (Defold's extension-websocket API)")]
struct Cli {
    /// The Lua script to run.
    script: PathBuf,
    /// A game.project file with a [websocket] section (default: ./game.project if it exists).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Arguments for the script, in its global `arg` table.
    #[arg(last = true)]
    args: Vec<String>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("wslua: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: &Cli) -> Result<u8, String> {
    let project = match &cli.config {
        Some(path) => Project::load(path)?,
        None => Project::load_default()?,
    };
    wslua::logger::init(project.websocket.debug);
    if let Err(e) = rlimit::increase_nofile_limit(u64::MAX) {
        log::warn!("cannot raise the open file limit: {e}");
    }
    // Like the stock interpreter: every standard library (debug included) and C modules. mlua
    // calls that "unsafe" because a C module can do anything; a script that loads one chose it.
    let lua = unsafe { Lua::unsafe_new() };
    let host = Host::new(project.runtime_config());
    let exit = Exit::install(&host).map_err(|e| format!("installing signal handlers: {e}"))?;
    setup_globals(&lua, &host, cli, &exit).map_err(|e| e.to_string())?;

    let source = std::fs::read(&cli.script).map_err(|e| format!("{}: {e}", cli.script.display()))?;
    let chunk = lua.load(source).set_name(format!("@{}", cli.script.display()));
    if let Err(err) = chunk.exec() {
        return Err(err.to_string());
    }
    let init: Option<Function> = lua.globals().get("init").map_err(|e| e.to_string())?;
    match init {
        Some(init) => lifecycle(&lua, &host, &exit, init, project.update_frequency)?,
        None => {
            while !exit.requested() && !host.runtime().is_idle() {
                host.dispatch(&lua, None);
            }
        }
    }
    close_all(&host);
    Ok(exit.code.get())
}

/// `init(self)`; then every frame: events, `update(self, dt)`; at the end `finalize(self)`.
fn lifecycle(lua: &Lua, host: &Host, exit: &Exit, init: Function, frequency: f64) -> Result<(), String> {
    let instance = lua.create_table().map_err(|e| e.to_string())?;
    host.set_instance(Value::Table(instance.clone()));
    init.call::<()>(&instance).map_err(|e| e.to_string())?;
    let update: Option<Function> = lua.globals().get("update").map_err(|e| e.to_string())?;
    let frame = Duration::from_secs_f64(1.0 / frequency);
    let mut last = Instant::now();
    while !exit.requested() {
        let deadline = last + frame;
        // Sleep in the event queue until the frame is due, dispatching whatever arrives.
        while let Some(left) = deadline.checked_duration_since(Instant::now()).filter(|_| !exit.requested()) {
            host.dispatch(lua, Some(left));
        }
        let now = Instant::now();
        if let Some(update) = &update {
            if let Err(err) = update.call::<()>((&instance, (now - last).as_secs_f64())) {
                eprintln!("wslua: error in update: {err}");
            }
        }
        last = now;
    }
    let finalize: Option<Function> = lua.globals().get("finalize").map_err(|e| e.to_string())?;
    if let Some(finalize) = finalize {
        if let Err(err) = finalize.call::<()>(&instance) {
            eprintln!("wslua: error in finalize: {err}");
        }
    }
    Ok(())
}

/// Closes what the script left open (queued messages first, then a close frame), waiting a
/// bounded time for the peers to answer.
fn close_all(host: &Host) {
    let runtime = host.runtime();
    runtime.shutdown();
    // A little more than each connection's own close timeout, so they can all end cleanly.
    let deadline = Instant::now() + runtime.config().close_timeout + Duration::from_secs(1);
    while !runtime.is_idle() {
        let Some(left) = deadline.checked_duration_since(Instant::now()) else { break };
        runtime.next_event(Some(left));
    }
}

/// `sys.exit(code)` or a signal asked the runner to stop.
struct Exit {
    code: Rc<Cell<u8>>,
    by_script: Rc<Cell<bool>>,
    by_signal: Arc<AtomicBool>,
}

impl Exit {
    fn install(host: &Host) -> std::io::Result<Exit> {
        let by_signal = Arc::new(AtomicBool::new(false));
        let mut signals =
            signal_hook::iterator::Signals::new([signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM])?;
        let (flag, interrupter) = (by_signal.clone(), host.runtime().interrupter());
        std::thread::spawn(move || {
            for _ in signals.forever() {
                flag.store(true, Ordering::SeqCst);
                interrupter.interrupt();
            }
        });
        Ok(Exit { code: Rc::default(), by_script: Rc::default(), by_signal })
    }

    fn requested(&self) -> bool {
        self.by_script.get() || self.by_signal.load(Ordering::SeqCst)
    }
}

/// Where the stock lua5.4 of Debian looks for modules: `/usr/local` first, then Debian's own
/// folders (where `apt-get install lua-cjson` puts them), then the current directory.
const DEFAULT_PATH: &str = "/usr/local/share/lua/5.4/?.lua;/usr/local/share/lua/5.4/?/init.lua;\
/usr/local/lib/lua/5.4/?.lua;/usr/local/lib/lua/5.4/?/init.lua;/usr/share/lua/5.4/?.lua;/usr/share/lua/5.4/?/init.lua;\
./?.lua;./?/init.lua";

fn default_cpath() -> String {
    // Debian's multiarch folder, e.g. x86_64-linux-gnu.
    let multiarch = format!("{}-linux-gnu", std::env::consts::ARCH);
    format!("/usr/local/lib/lua/5.4/?.so;/usr/lib/{multiarch}/lua/5.4/?.so;/usr/lib/lua/5.4/?.so;/usr/local/lib/lua/5.4/loadall.so;./?.so")
}

/// A search path as Lua reads it from the environment: `VAR_5_4`, else `VAR`, where `;;` stands
/// for the default; the default when neither is set.
fn search_path(var: &str, default: &str) -> String {
    match std::env::var(format!("{var}_5_4")).or_else(|_| std::env::var(var)) {
        Ok(value) => value.replacen(";;", &format!(";{default};"), 1),
        Err(_) => default.to_string(),
    }
}

/// `websocket` (also for `require`), `sys.exit`, `arg`, and the module search paths.
fn setup_globals(lua: &Lua, host: &Host, cli: &Cli, exit: &Exit) -> mlua::Result<()> {
    let globals = lua.globals();
    let package: Table = globals.get("package")?;
    package.set("path", search_path("LUA_PATH", DEFAULT_PATH))?;
    package.set("cpath", search_path("LUA_CPATH", &default_cpath()))?;
    let websocket = wslua::open(lua, host)?;
    globals.set("websocket", &websocket)?;
    let loaded: Table = globals.get::<Table>("package")?.get("loaded")?;
    loaded.set("websocket", &websocket)?;

    let sys = lua.create_table()?;
    let (code, by_script, interrupter) = (exit.code.clone(), exit.by_script.clone(), host.runtime().interrupter());
    sys.set(
        "exit",
        lua.create_function(move |_, status: Option<i64>| {
            code.set(u8::try_from(status.unwrap_or(0)).unwrap_or(1));
            by_script.set(true);
            interrupter.interrupt();
            Ok(())
        })?,
    )?;
    globals.set("sys", sys)?;

    let arg = lua.create_table()?;
    arg.set(-1, std::env::args().next().unwrap_or_else(|| "wslua".into()))?;
    arg.set(0, cli.script.display().to_string())?;
    for (i, value) in cli.args.iter().enumerate() {
        arg.set(i as i64 + 1, value.as_str())?;
    }
    globals.set("arg", arg)?;
    Ok(())
}
