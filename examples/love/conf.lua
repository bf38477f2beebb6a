-- LÖVE's settings for examples/love: a small window, and the identity its screenshot is saved
-- under (love.filesystem's save folder).
---@diagnostic disable: undefined-global -- LÖVE's `love`, which has no stub here
function love.conf(t)
  t.identity = "wslua-love-example"
  t.window.title = "wslua in LÖVE"
  t.window.width = 480
  t.window.height = 200
  t.modules.audio = false
  t.modules.sound = false
  t.modules.joystick = false
end
