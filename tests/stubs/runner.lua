---@meta wslua-runner
-- What the `wslua` runner adds to a script's globals besides the `websocket` module (which is
-- described by generated/lua/websocket.lua). Hand-written: these belong to the runner, not to
-- api.yaml.

---The runner's `sys` table.
sys = {}

---Ends the script at the end of the current frame: `finalize(self)` runs, queued messages are
---written, every connection is closed, and the runner exits with `code`.
---@param code? integer the exit status (default 0)
function sys.exit(code) end
