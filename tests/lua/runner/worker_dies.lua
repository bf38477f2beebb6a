-- Under `wslua --workers`: a worker that kills itself with SIGKILL as soon as it starts, after a
-- last word on stderr, so the supervisor's give-up rule (and its quoting) can be seen.
local stat = assert(io.open("/proc/self/stat")):read("*l")
local pid = assert(stat:match("^(%d+)"), "a pid")
io.stderr:write("worker " .. (os.getenv("WSLUA_WORKER") or "?") .. " dying now\n")
io.stderr:flush()
os.execute("kill -9 " .. pid)
-- Not reached: the signal ends the process while the shell waits.
