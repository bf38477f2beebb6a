//! `game.project`: the `[websocket]` keys described in api.yaml, and the runner's
//! `[display] update_frequency`.

use crate::glue::WebsocketConfig;
use std::path::Path;
use std::time::Duration;

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
}

#[derive(Debug, Clone, PartialEq)]
pub struct Project {
    pub websocket: WebsocketConfig,
    /// Frames per second of the runner's script lifecycle.
    pub update_frequency: f64,
}

impl Default for Project {
    fn default() -> Self {
        Project { websocket: WebsocketConfig::default(), update_frequency: 60.0 }
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

    /// Errors name the file and, where one is at fault, the line.
    pub fn load(path: &Path) -> Result<Project, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Project::read(&text).map_err(|problem| match problem.line {
            Some(line) => format!("{}:{line}: {}", path.display(), problem.message),
            None => format!("{}: {}", path.display(), problem.message),
        })
    }

    pub fn parse(text: &str) -> Result<Project, String> {
        Project::read(text).map_err(|problem| problem.message)
    }

    fn read(text: &str) -> Result<Project, Problem> {
        let ini =
            ini::Ini::load_from_str(text).map_err(|e| Problem { line: Some(e.line), message: e.msg.to_string() })?;
        let mut project = Project::default();
        let section = WebsocketConfig::SECTION;
        if let Some(keys) = ini.section(Some(section)) {
            for (key, value) in keys.iter() {
                let known =
                    project.websocket.set(key, value).map_err(|message| Problem::at(text, section, key, message))?;
                if !known {
                    log::warn!("game.project: [{section}] has no key '{key}'; ignored");
                }
            }
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
        Ok(project)
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
