//! A process's figures as Linux's /proc tells them (`self` for this one).

use std::time::{Duration, Instant};

/// utime + stime, in clock ticks (USER_HZ, 100 on Linux).
pub fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // Fields after the command name, which ends with the last ')'.
    let fields: Vec<&str> = stat[stat.rfind(')').unwrap() + 2..].split(' ').collect();
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

/// A line of /proc/PID/status in KiB (`VmRSS`, `VmHWM`).
fn status_kib(pid: &str, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with(field)).unwrap_or_else(|| panic!("no {field} for {pid}"));
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// Resident memory, in KiB.
pub fn rss_kib(pid: u32) -> u64 {
    status_kib(&pid.to_string(), "VmRSS:")
}

/// The most resident memory the process has had, in bytes.
pub fn peak_rss(pid: u32) -> u64 {
    status_kib(&pid.to_string(), "VmHWM:") * 1024
}

/// Open descriptors of `pid` ("self" for this process); 0 once it is gone.
pub fn open_fds(pid: &str) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd")).map(|d| d.count()).unwrap_or(0)
}

/// Waits until `pid` has at most `want` open descriptors (sockets close asynchronously), for 10 s
/// at most; returns the last count seen.
pub fn settle_fds(pid: &str, want: usize) -> usize {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let now = open_fds(pid);
        if now <= want || Instant::now() > deadline {
            return now;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}
