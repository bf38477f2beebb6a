//! A file descriptor for programs that wait in an event loop of their own (luv, cqueues,
//! LuaSocket's `select`): readable while events wait for the host, and, on Linux, as soon as a
//! watched connection's socket has data, before any thread has read it.
//!
//! The flag is an eventfd on Linux, elsewhere on Unix a pipe: the queue raises it when its first
//! event arrives and clears it when the host has taken them all. On Linux the descriptor the loop
//! waits on is an epoll set holding the flag and every connection's socket (edge-triggered), so
//! the host learns of a message as early as the engine's own threads do and reads it itself
//! ([`crate::core::registry::Registry::pump`]): without that, each message in a program that
//! waits on the descriptor cost two threads' wake-ups, on different cores, before its callback.

use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};

pub(crate) struct Signal {
    /// What the loop waits on (Linux: the epoll set; elsewhere the flag itself).
    #[cfg(target_os = "linux")]
    set: OwnedFd,
    /// Readable while raised: an eventfd, or a pipe's read end.
    flag: OwnedFd,
    /// A pipe's write end; an eventfd is both.
    write: Option<OwnedFd>,
}

/// The epoll set's token for the flag; sockets' tokens are connection ids, which start at 1
/// and never reach it.
#[cfg(target_os = "linux")]
const FLAG: u64 = u64::MAX;

/// Takes ownership of what a system call returned, or its error.
fn owned(fd: libc::c_int) -> io::Result<OwnedFd> {
    if fd < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: a descriptor just made, owned by nothing else.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

impl Signal {
    #[cfg(target_os = "linux")]
    pub fn new() -> io::Result<Signal> {
        // SAFETY: eventfd returns a new descriptor or -1.
        let flag = owned(unsafe { libc::eventfd(0, libc::EFD_NONBLOCK | libc::EFD_CLOEXEC) })?;
        // SAFETY: the same of epoll_create1.
        let set = owned(unsafe { libc::epoll_create1(libc::EPOLL_CLOEXEC) })?;
        let signal = Signal { set, flag, write: None };
        // Level-triggered: the set stays readable while the flag is raised.
        signal.add(signal.flag.as_raw_fd(), FLAG, libc::EPOLLIN)?;
        Ok(signal)
    }

    #[cfg(all(unix, not(target_os = "linux")))]
    pub fn new() -> io::Result<Signal> {
        let mut fds = [0; 2];
        // SAFETY: pipe fills both descriptors or returns -1.
        if unsafe { libc::pipe(fds.as_mut_ptr()) } < 0 {
            return Err(io::Error::last_os_error());
        }
        let (flag, write) = (owned(fds[0])?, owned(fds[1])?);
        for fd in [&flag, &write] {
            // SAFETY: fcntl on a descriptor this owns.
            unsafe {
                libc::fcntl(fd.as_raw_fd(), libc::F_SETFL, libc::O_NONBLOCK);
                libc::fcntl(fd.as_raw_fd(), libc::F_SETFD, libc::FD_CLOEXEC);
            }
        }
        Ok(Signal { flag, write: Some(write) })
    }

    pub fn fd(&self) -> RawFd {
        #[cfg(target_os = "linux")]
        return self.set.as_raw_fd();
        #[cfg(not(target_os = "linux"))]
        self.flag.as_raw_fd()
    }

    /// Makes the descriptor readable (it stays so until [`Self::clear`]).
    pub fn raise(&self) {
        let fd = self.write.as_ref().unwrap_or(&self.flag).as_raw_fd();
        let one = 1u64.to_ne_bytes();
        // An eventfd takes 8 bytes, a pipe any. A full pipe or a saturated counter is readable
        // already, so a failed write loses nothing.
        let len = if self.write.is_some() { 1 } else { one.len() };
        // SAFETY: writes from a live buffer of `len` bytes to a descriptor this owns.
        let _ = unsafe { libc::write(fd, one.as_ptr().cast(), len) };
    }

    /// Drains the flag: not raised until the next [`Self::raise`].
    pub fn clear(&self) {
        let mut buf = [0u8; 64];
        // SAFETY: reads into a live buffer from a descriptor this owns (non-blocking).
        while unsafe { libc::read(self.flag.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len()) } > 0 {}
    }

    /// Makes the descriptor readable when `socket` has something to read (its data, its end),
    /// once per arrival; [`Self::ready`] tells `token` then. A socket is forgotten when it is
    /// closed. Nothing on systems other than Linux.
    pub fn watch(&self, socket: RawFd, token: u64) {
        #[cfg(target_os = "linux")]
        if let Err(err) = self.add(socket, token, libc::EPOLLIN | libc::EPOLLRDHUP | libc::EPOLLET) {
            // Not fatal: the connection's events still raise the flag once a thread read them.
            log::warn!("cannot watch connection {token}'s socket for event_fd: {err}");
        }
        #[cfg(not(target_os = "linux"))]
        let _ = (socket, token);
    }

    /// Adds to `ready` the tokens of watched sockets that received something since they were
    /// last told, up to a bounded number (the descriptor stays readable for the rest).
    pub fn ready(&self, ready: &mut Vec<u64>) {
        #[cfg(target_os = "linux")]
        {
            let mut events = [libc::epoll_event { events: 0, u64: 0 }; 64];
            // SAFETY: fills at most `events.len()` entries of a live array; no waiting.
            let n = unsafe { libc::epoll_wait(self.set.as_raw_fd(), events.as_mut_ptr(), events.len() as i32, 0) };
            let told = events.iter().take(usize::try_from(n).unwrap_or(0));
            ready.extend(told.map(|event| event.u64).filter(|&token| token != FLAG));
        }
        #[cfg(not(target_os = "linux"))]
        let _ = ready;
    }

    #[cfg(target_os = "linux")]
    fn add(&self, fd: RawFd, token: u64, events: libc::c_int) -> io::Result<()> {
        let mut event = libc::epoll_event { events: events as u32, u64: token };
        // SAFETY: a live event; the set is this one's own. Adding a socket twice is EEXIST: the
        // first stays, which is what a second would do.
        match unsafe { libc::epoll_ctl(self.set.as_raw_fd(), libc::EPOLL_CTL_ADD, fd, &mut event) } {
            0 => Ok(()),
            _ => match io::Error::last_os_error() {
                err if err.raw_os_error() == Some(libc::EEXIST) => Ok(()),
                err => Err(err),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Signal;

    fn readable(signal: &Signal) -> bool {
        let mut poll = libc::pollfd { fd: signal.fd(), events: libc::POLLIN, revents: 0 };
        // SAFETY: one live pollfd, no waiting.
        unsafe { libc::poll(&mut poll, 1, 0) == 1 }
    }

    #[test]
    fn readable_from_a_raise_until_a_clear() {
        let signal = Signal::new().unwrap();
        assert!(!readable(&signal));
        signal.raise();
        signal.raise();
        assert!(readable(&signal));
        signal.clear();
        assert!(!readable(&signal));
        signal.raise();
        assert!(readable(&signal));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_watched_socket_makes_it_readable_once_per_arrival() {
        use std::io::{Read, Write};
        use std::os::fd::AsRawFd;
        let signal = Signal::new().unwrap();
        let (mut ours, mut theirs) = std::os::unix::net::UnixStream::pair().unwrap();
        signal.watch(ours.as_raw_fd(), 7);
        signal.watch(ours.as_raw_fd(), 7);
        let mut ready = Vec::new();
        signal.ready(&mut ready);
        assert!(ready.is_empty() && !readable(&signal));

        theirs.write_all(b"one").unwrap();
        assert!(readable(&signal));
        signal.ready(&mut ready);
        assert_eq!(ready, [7]);
        // Told once: unread data does not keep it readable (nor spin a loop on it).
        assert!(!readable(&signal));
        theirs.write_all(b"two").unwrap();
        signal.raise();
        ready.clear();
        signal.ready(&mut ready);
        assert_eq!(ready, [7], "the flag is not a socket's token");
        assert!(readable(&signal), "the flag still raised");
        signal.clear();
        assert!(!readable(&signal));

        let mut read = [0; 6];
        ours.read_exact(&mut read).unwrap();
        assert_eq!(&read, b"onetwo");
        drop(theirs);
        assert!(readable(&signal), "the peer's end is news too");
        ready.clear();
        signal.ready(&mut ready);
        assert_eq!(ready, [7]);
        // A closed socket leaves the set.
        drop(ours);
        assert!(!readable(&signal));
    }
}
