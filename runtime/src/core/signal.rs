//! A file descriptor that is readable while events wait for the host, for programs that wait in
//! an event loop of their own (luv, cqueues, LuaSocket's `select`): on Linux an eventfd,
//! elsewhere on Unix a pipe. The queue raises it when its first event arrives and clears it when
//! the host has taken them all.

use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};

pub(crate) struct Signal {
    /// What the loop waits on, and what is drained.
    read: OwnedFd,
    /// A pipe's other end; an eventfd is both.
    write: Option<OwnedFd>,
}

impl Signal {
    #[cfg(target_os = "linux")]
    pub fn new() -> io::Result<Signal> {
        // SAFETY: eventfd returns a new descriptor or -1.
        let fd = unsafe { libc::eventfd(0, libc::EFD_NONBLOCK | libc::EFD_CLOEXEC) };
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: a descriptor just made, owned by nothing else.
        Ok(Signal { read: unsafe { OwnedFd::from_raw_fd(fd) }, write: None })
    }

    #[cfg(all(unix, not(target_os = "linux")))]
    pub fn new() -> io::Result<Signal> {
        let mut fds = [0; 2];
        // SAFETY: pipe fills both descriptors or returns -1.
        if unsafe { libc::pipe(fds.as_mut_ptr()) } < 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: descriptors just made, owned by nothing else.
        let (read, write) = unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
        for fd in [&read, &write] {
            // SAFETY: fcntl on a descriptor this owns.
            unsafe {
                libc::fcntl(fd.as_raw_fd(), libc::F_SETFL, libc::O_NONBLOCK);
                libc::fcntl(fd.as_raw_fd(), libc::F_SETFD, libc::FD_CLOEXEC);
            }
        }
        Ok(Signal { read, write: Some(write) })
    }

    pub fn fd(&self) -> RawFd {
        self.read.as_raw_fd()
    }

    /// Makes the descriptor readable (it stays so until [`Self::clear`]).
    pub fn raise(&self) {
        let fd = self.write.as_ref().unwrap_or(&self.read).as_raw_fd();
        let one = 1u64.to_ne_bytes();
        // An eventfd takes 8 bytes, a pipe any. A full pipe or a saturated counter is readable
        // already, so a failed write loses nothing.
        let len = if self.write.is_some() { 1 } else { one.len() };
        // SAFETY: writes from a live buffer of `len` bytes to a descriptor this owns.
        let _ = unsafe { libc::write(fd, one.as_ptr().cast(), len) };
    }

    /// Drains the descriptor: not readable until the next [`Self::raise`].
    pub fn clear(&self) {
        let mut buf = [0u8; 64];
        // SAFETY: reads into a live buffer from a descriptor this owns (non-blocking).
        while unsafe { libc::read(self.read.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len()) } > 0 {}
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
}
