-- autobahn_client.lua BASE AGENT [PARALLEL]: the client under test of the Autobahn TestSuite's
-- fuzzing server at BASE (ws://host:port): asks for the case count, runs every case (PARALLEL at
-- a time, default 1), echoing each message with its type, then asks for the reports under AGENT.
-- Prints "cases N" first and "done" last; compression follows the config's `compression` key.
local base = assert(arg[1], "usage: wslua autobahn_client.lua -- BASE AGENT [PARALLEL]")
local agent = assert(arg[2], "usage: wslua autobahn_client.lua -- BASE AGENT [PARALLEL]")
local parallel = math.floor(tonumber(arg[3]) or 1)

local count, next_case, running = 0, 1, 0

local function update_reports()
  websocket.connect(base .. "/updateReports?agent=" .. agent, {}, function(_, _, data)
    if data.event == websocket.EVENT_ERROR then
      print("updateReports: " .. data.message)
    elseif data.event == websocket.EVENT_DISCONNECTED then
      print("done")
      io.stdout:flush()
      sys.exit(0)
    end
  end)
end

---@type fun()
local run_more

local function run_case(case)
  running = running + 1
  local url = string.format("%s/runCase?case=%d&agent=%s", base, case, agent)
  websocket.connect(url, { timeout = 10000 }, function(_, conn, data)
    if data.event == websocket.EVENT_MESSAGE then
      websocket.send(conn, data.message, { type = data.type })
    elseif data.event == websocket.EVENT_DISCONNECTED then
      running = running - 1
      run_more()
    end
  end)
end

function run_more()
  while running < parallel and next_case <= count do
    run_case(next_case)
    next_case = next_case + 1
  end
  if running == 0 and next_case > count then
    update_reports()
  end
end

websocket.connect(base .. "/getCaseCount", {}, function(_, _, data)
  if data.event == websocket.EVENT_MESSAGE then
    count = math.floor(assert(tonumber(data.message), "a case count"))
    print("cases " .. count)
    io.stdout:flush()
  elseif data.event == websocket.EVENT_ERROR then
    print("getCaseCount: " .. data.message)
  elseif data.event == websocket.EVENT_DISCONNECTED then
    if count == 0 then
      sys.exit(1)
    end
    run_more()
  end
end)
