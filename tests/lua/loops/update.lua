-- The baseline of the event-loop scenarios: the same echoes pumped by websocket.update(1) alone,
-- in a program that never asks for websocket.event_fd() (as one without a loop of its own).
package.path = ((arg[0] or ""):match("(.*/)") or "./") .. "../lib/?.lua;" .. package.path
local websocket = require "websocket"
-- Debian's lua-socket, for a wall clock.
local socket = require "socket"
local echo = require "echo_through"

print(string.format("update_rtt=%.1fus", echo.with_update(websocket, echo.COUNT, socket.gettime) * 1e6))
