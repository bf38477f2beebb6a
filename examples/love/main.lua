-- wslua inside LÖVE 11 (LuaJIT), with the module built for LuaJIT:
--
--   scripts/build-module.sh luajit target/lua-modules/luajit
--   wslua examples/echo_server.lua -- 8080 &
--   love examples/love ws://127.0.0.1:8080/ target/lua-modules/luajit
--
-- It connects in love.load, pumps events with websocket.update(0) in love.update (no waiting:
-- the frame goes on), and draws what it sent and received. Once three echoes are back it saves a
-- screenshot, checks the window shows one line of text per message, prints what it drew, and
-- quits.
---@diagnostic disable: undefined-global -- LÖVE's `love`, which has no stub here
local url, modules = arg[2] or "ws://127.0.0.1:8080/", arg[3]
if modules then package.cpath = modules .. "/?.so;" .. package.cpath end
local websocket = require "websocket"

local LINE_HEIGHT, TOP = 24, 16
local lines = {}
local echoes, finishing = 0, false

local function show(text)
  lines[#lines + 1] = text
end

function love.load()
  show("connecting to " .. url)
  websocket.connect(url, nil, function(_, conn, data)
    if data.event == websocket.EVENT_CONNECTED then
      show("connected")
      for i = 1, 3 do
        websocket.send(conn, "hello " .. i .. " from LOVE", { type = websocket.DATA_TYPE_TEXT })
      end
    elseif data.event == websocket.EVENT_MESSAGE then
      echoes = echoes + 1
      show("echo: " .. data.message)
    elseif data.event == websocket.EVENT_ERROR then
      show("error: " .. tostring(data.message))
    end
  end)
end

--- Which of the drawn lines have text in the screenshot: light pixels in the line's band.
local function lines_with_text(image)
  local found = 0
  for i = 1, #lines do
    local top = TOP + (i - 1) * LINE_HEIGHT
    local lit = false
    for y = top, math.min(top + LINE_HEIGHT - 8, image:getHeight() - 1) do
      for x = 8, math.min(300, image:getWidth() - 1) do
        local r, g, b = image:getPixel(x, y)
        if r + g + b > 1.5 then lit = true break end
      end
      if lit then break end
    end
    if lit then found = found + 1 end
  end
  return found
end

function love.update()
  websocket.update(0)
  if echoes == 3 and not finishing then
    finishing = true
    love.graphics.captureScreenshot(function(image)
      image:encode("png", "screenshot.png")
      print("screenshot: " .. love.filesystem.getSaveDirectory() .. "/screenshot.png")
      print(string.format("lines with text: %d of %d", lines_with_text(image), #lines))
      for _, line in ipairs(lines) do print("drawn: " .. line) end
      io.stdout:flush()
      love.event.quit(0)
    end)
  end
end

function love.draw()
  love.graphics.clear(0.08, 0.1, 0.14)
  love.graphics.setColor(1, 1, 1)
  for i, line in ipairs(lines) do
    love.graphics.print(line, 10, TOP + (i - 1) * LINE_HEIGHT)
  end
end
