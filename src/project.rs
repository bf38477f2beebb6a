//! `game.project`: the `[websocket]` keys described in api.yaml, and the runner's
//! `[display] update_frequency`.

use crate::glue::WebsocketConfig;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;
use wslua_glue_support::did_you_mean;

/// Frames per second the runner's lifecycle accepts: a frame lasts at most 1000 s.
const MIN_FREQUENCY: f64 = 0.001;
const MAX_FREQUENCY: f64 = 1000.0;

/// What is wrong with a game.project, and on which line when one line is at fault.
struct Problem {
    line: Option<usize>,
    message: String,
}

impl Problem {
    /// A problem with `key` of `[section]`. rust-ini keeps no positions, so the line is found
    /// again in the text: the first line of that section that sets the key.
    fn at(text: &str, section: &str, key: &str, message: String) -> Problem {
        let mut current = None;
        let line = text.lines().position(|line| {
            let line = line.trim();
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                current = Some(name.trim().to_string());
                return false;
            }
            let sets = line.split_once(['=', ':']).is_some_and(|(name, _)| name.trim() == key);
            sets && current.as_deref() == Some(section)
        });
        Problem { line: line.map(|i| i + 1), message }
    }

    /// rust-ini's syntax errors in words a user can act on, on the line at fault.
    fn syntax(text: &str, error: &ini::ParseError) -> Problem {
        const FORM: &str = "game.project lines are '[section]' or 'key = value'";
        if error.msg.starts_with("expecting") || error.msg.contains("must be ended with ']'") {
            // rust-ini notices at the end of the file; the header itself is the line to fix.
            let header = text.lines().position(|l| l.trim_start().starts_with('[') && !l.contains(']'));
            let line = header.map_or(error.line, |i| i + 1);
            return Problem { line: Some(line), message: format!("a [section] header is not closed with ']'; {FORM}") };
        }
        let said = match error.msg.as_ref() {
            "missing key" => "a line starts with '=' instead of a key",
            other => other.trim_end_matches('.'),
        };
        Problem { line: Some(error.line), message: format!("{said} (column {}); {FORM}", error.col) }
    }

    /// `FILE:LINE: message`.
    fn in_file(&self, path: &Path) -> String {
        match self.line {
            Some(line) => format!("{}:{line}: {}", path.display(), self.message),
            None => format!("{}: {}", path.display(), self.message),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Project {
    pub websocket: WebsocketConfig,
    /// Frames per second of the runner's script lifecycle.
    pub update_frequency: f64,
    /// Every setting of the file as `section.key` (a key before any section: `key`), as text.
    pub settings: BTreeMap<String, String>,
}

impl Default for Project {
    fn default() -> Self {
        Project { websocket: WebsocketConfig::default(), update_frequency: 60.0, settings: BTreeMap::new() }
    }
}

impl Project {
    /// `./game.project` if it exists, else the defaults.
    pub fn load_default() -> Result<Project, String> {
        let path = Path::new("game.project");
        if path.exists() {
            Project::load(path)
        } else {
            Ok(Project::default())
        }
    }

    /// Errors name the file and, where one is at fault, the line. Warnings (an unknown key) go
    /// to stderr whatever `debug` says: a misspelt key must not pass unnoticed.
    pub fn load(path: &Path) -> Result<Project, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let (project, warnings) = Project::read(&text).map_err(|problem| problem.in_file(path))?;
        for warning in warnings {
            eprintln!("wslua: {}", warning.in_file(path));
        }
        Ok(project)
    }

    pub fn parse(text: &str) -> Result<Project, String> {
        Project::read(text).map(|(project, _)| project).map_err(|problem| problem.message)
    }

    /// The project and its warnings.
    fn read(text: &str) -> Result<(Project, Vec<Problem>), Problem> {
        let ini = ini::Ini::load_from_str(text).map_err(|e| Problem::syntax(text, &e))?;
        let mut warnings = Vec::new();
        let mut project = Project::default();
        for (section, keys) in ini.iter() {
            for (key, value) in keys.iter() {
                let name = section.map_or(key.to_string(), |section| format!("{section}.{key}"));
                project.settings.insert(name, value.to_string());
            }
        }
        let section = WebsocketConfig::SECTION;
        if let Some(keys) = ini.section(Some(section)) {
            for (key, value) in keys.iter() {
                let known =
                    project.websocket.set(key, value).map_err(|message| Problem::at(text, section, key, message))?;
                if !known {
                    let hint = did_you_mean(key, WebsocketConfig::KEYS);
                    let message = format!("warning: [{section}] has no key '{key}' (ignored){hint}");
                    warnings.push(Problem::at(text, section, key, message));
                }
            }
        }
        if !project.websocket.broker.is_empty() {
            wslua_runtime::check_broker_url(&project.websocket.broker)
                .map_err(|e| Problem::at(text, section, "broker", format!("[{section}] broker: {e}")))?;
        }
        if let Some(frequency) = ini.get_from(Some("display"), "update_frequency") {
            project.update_frequency = frequency
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|f| (MIN_FREQUENCY..=MAX_FREQUENCY).contains(f))
                .ok_or_else(|| {
                    let message = format!(
                        "[display] update_frequency: '{frequency}' is not a number from {MIN_FREQUENCY} to {MAX_FREQUENCY}"
                    );
                    Problem::at(text, "display", "update_frequency", message)
                })?;
        }
        Ok((project, warnings))
    }

    /// The engine's settings from the `[websocket]` keys.
    pub fn runtime_config(&self) -> wslua_runtime::Config {
        let ws = &self.websocket;
        let seconds = |s: f64| Duration::try_from_secs_f64(s).unwrap_or(Duration::ZERO);
        wslua_runtime::Config {
            socket_timeout: Duration::from_micros(ws.socket_timeout.max(0) as u64),
            close_timeout: seconds(ws.close_timeout),
            max_message_size: ws.max_message_size.max(0) as usize,
            max_send_queue: ws.max_send_queue.max(0) as usize,
            ping_interval: Some(seconds(ws.ping_interval)).filter(|d| !d.is_zero()),
            ping_timeout: seconds(ws.ping_timeout),
            drain_threshold: ws.drain_threshold.max(0) as usize,
            ca_file: Some(&ws.ca_file).filter(|path| !path.is_empty()).map(PathBuf::from),
            compression: ws.compression == 1,
            // The config's ranges were checked on reading.
            deflate: wslua_runtime::DeflateSettings {
                window_bits: ws.compression_window_bits as u8,
                mem_level: ws.compression_mem_level as u8,
            },
            broker: Some(&ws.broker).filter(|url| !url.is_empty()).cloned(),
            broker_backlog: ws.broker_backlog.max(0) as usize,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Project;

    #[test]
    fn defaults_agree_with_the_runtime() {
        assert_eq!(Project::default().runtime_config(), wslua_runtime::Config::default());
    }

    #[test]
    fn reads_the_reference_configuration() {
        let project =
            Project::parse("[websocket]\ndebug = 1\nsocket_timeout = 10000000\n[display]\nupdate_frequency = 30\n")
                .unwrap();
        assert_eq!(project.websocket.debug, 1);
        assert_eq!(project.runtime_config().socket_timeout.as_secs(), 10);
        assert_eq!(project.update_frequency, 30.0);
    }

    #[test]
    fn rejects_bad_values_naming_the_key() {
        let err = Project::parse("[websocket]\nsocket_timeout = soon\n").unwrap_err();
        assert_eq!(err, "[websocket] socket_timeout: 'soon' is not an integer");
        let err = Project::parse("[display]\nupdate_frequency = 0\n").unwrap_err();
        assert!(err.contains("update_frequency"), "{err}");
    }
}
