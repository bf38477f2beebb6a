//! `game.project`: the `[websocket]` keys described in api.yaml, and the runner's
//! `[display] update_frequency`.

use crate::glue::WebsocketConfig;
use std::path::Path;
use std::time::Duration;

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

    pub fn load(path: &Path) -> Result<Project, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Project::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    pub fn parse(text: &str) -> Result<Project, String> {
        let ini = ini::Ini::load_from_str(text).map_err(|e| e.to_string())?;
        let mut project = Project::default();
        if let Some(section) = ini.section(Some(WebsocketConfig::SECTION)) {
            for (key, value) in section.iter() {
                if !project.websocket.set(key, value)? {
                    log::warn!("game.project: [{}] has no key '{key}'; ignored", WebsocketConfig::SECTION);
                }
            }
        }
        if let Some(frequency) = ini.get_from(Some("display"), "update_frequency") {
            project.update_frequency = frequency
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|f| *f > 0.0)
                .ok_or_else(|| format!("[display] update_frequency: '{frequency}' is not a positive number"))?;
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
