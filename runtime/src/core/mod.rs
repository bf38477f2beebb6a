//! What every part of the engine stands on: where tasks run (`executor`), what they report
//! (`event`) and how it reaches the host (`queue`), what joins the host's calls to one
//! connection's task (`link`), the descriptor a program's own event loop waits on (`signal`),
//! the state they all share (`registry`), the guard that reports a connection's end whatever
//! ends its task (`guard`), and the memory given back after a burst (`trim`). No sockets here,
//! only the descriptors `signal` watches.

pub(crate) mod event;
pub(crate) mod executor;
pub(crate) mod guard;
pub(crate) mod link;
pub(crate) mod lock;
pub(crate) mod queue;
pub(crate) mod registry;
#[cfg(unix)]
pub(crate) mod signal;
pub(crate) mod trim;
