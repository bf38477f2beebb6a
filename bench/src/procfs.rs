//! What a server process costs, read from /proc.

use crate::Result;
use std::time::Duration;

/// Resident memory in bytes.
pub fn rss(pid: u32) -> Result<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).ok_or("no VmRSS in /proc/PID/status")?;
    let kib: u64 = line.split_whitespace().nth(1).ok_or("empty VmRSS")?.parse()?;
    Ok(kib * 1024)
}

/// CPU time used so far by all the threads of a process, to the nanosecond (schedstat), where
/// /proc/PID/stat counts in 10 ms ticks.
pub fn cpu_time(pid: u32) -> Result<Duration> {
    let mut total = 0u64;
    for task in std::fs::read_dir(format!("/proc/{pid}/task"))? {
        let schedstat = std::fs::read_to_string(task?.path().join("schedstat"))?;
        total += schedstat.split_whitespace().next().ok_or("empty schedstat")?.parse::<u64>()?;
    }
    Ok(Duration::from_nanos(total))
}
