//! What the test suites of the workspace share, so that no suite writes it again: where the
//! repository is and the peers scripts/test installs there ([`peers`]), child processes read
//! line by line within a bound ([`process`]), loopback ports ([`net`]), a process's figures
//! from /proc ([`figures`]), test certificates ([`certificates`]), and websocket bytes written
//! and read by hand ([`raw`]).

pub mod certificates;
pub mod figures;
pub mod net;
pub mod peers;
pub mod process;
pub mod raw;

pub use certificates::{make_certificates, test_certificates};
pub use figures::{cpu_ticks, open_fds, peak_rss, rss_kib, settle_fds};
pub use net::{free_port, wait_for_port};
pub use peers::{node, peer_script, playwright, python, python_peer, repo, venv};
pub use process::{finish, scratch, Running, LIMIT};
