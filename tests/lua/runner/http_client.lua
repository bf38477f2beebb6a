-- http.request against tests/peers/http_server.js (tests/http.rs starts it):
--   wslua http_client.lua --config game.project -- direct PORT TLS_PORT FOLDER
--   wslua http_client.lua -- proxy PORT TLS_PORT          (http_proxy / https_proxy set)
-- game.project names the test CA as [websocket] ca_file and sets [network] http_timeout = 1.5.
-- Each check runs in a coroutine that waits for its callback; the last line is "ok http_client".
-- The response's fields are optional in its type; the checks here are what proves them present.
---@diagnostic disable: need-check-nil, param-type-mismatch
local mode, port, tls_port, folder = arg[1], arg[2], arg[3], arg[4]
local unpack = table.unpack or unpack
local base = "http://127.0.0.1:" .. port
local secure = "https://localhost:" .. tls_port

local function check(ok, what, ...)
  if not ok then error(what .. ": " .. table.concat({ tostring(select(1, ...)) }, " "), 2) end
end

local function eq(got, want, what)
  if got ~= want then error(string.format("%s: got %s, want %s", what, tostring(got), tostring(want)), 2) end
end

--- Goes on with the checks after a callback: a failed check there ends the script with its error.
local function resume(co)
  local ok, message = coroutine.resume(co)
  if not ok then
    print(debug.traceback(co, message))
    sys.exit(1)
  end
end

--- One request, waited for: its response (the last callback's) and every callback's response.
---@async
---@param url string
---@param method string
---@param headers table<string, string>?
---@param body string?
---@param options http.request_options?
---@return http.response, http.response[]
local function fetch(url, method, headers, body, options)
  local me = coroutine.running()
  local calls = {}
  http.request(url, method, function(_, id, response)
    check(type(id) == "number", "the id is a number")
    calls[#calls + 1] = response
    -- Progress calls carry only the counts; the last has the headers, or says what failed.
    if response.headers or response.status == 0 or response.error then resume(me) end
  end, headers, body, options)
  coroutine.yield()
  return calls[#calls], calls
end

--- The first `count` bytes of the server's /bytes pattern from `from`.
local function pattern(from, count)
  local bytes = {}
  for i = 0, count - 1 do bytes[#bytes + 1] = string.char((from + i) % 251) end
  return table.concat(bytes)
end

---@async
local function connections_opened()
  local response = fetch(base .. "/stats", "GET")
  return json.decode(response.response)
end

---@async
local function direct()
  -- Methods, headers both ways, bodies.
  local r = fetch(base .. "/echo?x=1", "GET", { ["X-One"] = "1" })
  eq(r.status, 200, "GET status")
  eq(r.headers["content-type"], "application/json", "a response header, its name in lower case")
  eq(r.headers["x-twice"], "a, b", "a repeated header joined")
  local echo = json.decode(r.response)
  eq(echo.method, "GET", "method")
  eq(echo.url, "/echo?x=1", "path and query")
  eq(echo.headers["x-one"], "1", "a request header")
  eq(echo.headers.host, "127.0.0.1:" .. port, "Host")
  for _, method in ipairs({ "POST", "PUT", "PATCH", "DELETE", "PURGE" }) do
    echo = json.decode(fetch(base .. "/echo", method, { ["Content-Type"] = "text/plain" }, "hello\0world").response)
    eq(echo.method, method, "method " .. method)
    eq(echo.body, "hello\0world", method .. " body, with a zero byte")
    eq(echo.headers["content-length"], "11", method .. " Content-Length")
  end
  r = fetch(base .. "/echo", "HEAD")
  eq(r.status, 200, "HEAD")
  eq(r.response, "", "HEAD has no body")

  -- Chunked and Content-Length answers, a range, a redirect not followed, an error status.
  eq(fetch(base .. "/chunked", "GET").response, "one,two,three", "a chunked body")
  eq(fetch(base .. "/bytes?n=100000", "GET").response, pattern(0, 100000), "a Content-Length body")
  r = fetch(base .. "/range", "GET", { Range = "bytes=100-199" })
  eq(r.status, 206, "range status")
  eq(r.range_start, 100, "range_start")
  eq(r.range_end, 199, "range_end")
  eq(r.document_size, 1000, "document_size")
  eq(r.response, pattern(100, 100), "the range's bytes")
  r = fetch(base .. "/redirect", "GET")
  eq(r.status, 302, "a redirect is the answer, as in Defold")
  eq(r.headers.location, "/echo", "its Location")
  r = fetch(base .. "/status/404", "GET", nil, nil, { path = folder .. "/never.bin" })
  eq(r.status, 404, "404")
  eq(r.response, "status 404", "a 404's body is the response, not the file")
  check(io.open(folder .. "/never.bin") == nil, "path is written only for 200")

  -- 10 MB to a file, with progress.
  local size = 10 * 1024 * 1024
  local calls
  r, calls = fetch(base .. "/bytes?n=" .. size, "GET", nil, nil, { path = folder .. "/big.bin", report_progress = true })
  eq(r.status, 200, "download status")
  eq(r.path, folder .. "/big.bin", "download path")
  eq(r.response, nil, "no body held for a path")
  eq(r.bytes_received, size, "bytes_received at the end")
  eq(r.bytes_total, size, "bytes_total")
  check(#calls > 10, "progress callbacks", #calls)
  for i = 2, #calls do
    check(calls[i].bytes_received >= calls[i - 1].bytes_received, "progress only grows")
  end
  local file = assert(io.open(folder .. "/big.bin", "rb"))
  eq(file:seek("end", 0), size, "the file's size")
  file:seek("set", 7654321)
  eq(file:read(1000), pattern(7654321, 1000), "the file's bytes")
  file:close()

  -- https with the CA of game.project (as wss:// takes it); a large body chunked or not.
  local large = string.rep("0123456789abcdef", 4096)
  echo = json.decode(fetch(secure .. "/echo", "POST", nil, large).response)
  eq(echo.length, #large, "an https body")
  eq(echo.chunked, true, "over 16 KiB on https goes chunked, as in Defold")
  echo = json.decode(fetch(secure .. "/echo", "POST", nil, large, { chunked_transfer = false }).response)
  eq(echo.chunked, false, "chunked_transfer = false sends the length")
  eq(echo.headers["content-length"], tostring(#large), "its Content-Length")

  -- The kinds of status 0.
  local started = socket.gettime()
  r = fetch(base .. "/hang", "GET")
  eq(r.status, 0, "the default timeout ([network] http_timeout)")
  eq(r.error_kind, "timeout", "its kind")
  local waited = socket.gettime() - started
  check(waited > 1.2 and waited < 5, "http_timeout = 1.5 waited", waited)
  r = fetch(base .. "/hang", "GET", nil, nil, { timeout = 0.3 })
  eq(r.error_kind, "timeout", "options.timeout")
  for _, case in ipairs({
    { "http://127.0.0.1:1/", "tcp" },
    { "http://no-such-host.invalid/", "dns" },
    { "https://127.0.0.1:" .. port .. "/", "tls" },
    { base .. "/close", "tcp" },
  }) do
    r = fetch(case[1], "GET")
    eq(r.status, 0, case[1] .. " status")
    eq(r.error_kind, case[2], case[1] .. " kind")
    check(type(r.error) == "string" and #r.error > 0, case[1] .. " says what happened")
  end

  -- A body over the 256 MiB held in memory fails that request alone; the next one is served.
  r = fetch(base .. "/bytes?n=" .. (256 * 1024 * 1024 + 65536), "GET")
  eq(r.status, 200, "the server's status, though its body was refused")
  eq(r.response, nil, "no body held")
  check(r.error and r.error:find("larger than 256 MiB", 1, true), "the error says why", r.error)
  collectgarbage()
  eq(fetch(base .. "/echo", "GET").status, 200, "the runner goes on")

  -- Bad input: errors before anything is sent, naming the function and what is wrong.
  for _, case in ipairs({
    { { "ftp://x/", "GET", print }, "scheme 'ftp' is not http or https" },
    { { base, "GE T", print }, "'GE T' is not an HTTP method" },
    { { base, "GET", print, { ["X-A"] = "b\r\nInjected: yes" } }, "the value of 'X-A'" },
    { { base, "GET", print, nil, nil, { path = folder .. "/no/such/folder/file" } }, "does not exist" },
    { { base, "GET" }, "bad argument #3 to 'request' (function expected, got no value)" },
    { { base, "GET", print, nil, nil, { timeout = -1 } }, "timeout" },
  }) do
    ---@diagnostic disable-next-line: param-type-mismatch -- wrong arguments, on purpose
    local ok, message = pcall(http.request, unpack(case[1]))
    check(not ok and tostring(message):find(case[2], 1, true), "error: " .. case[2], message)
  end

  -- 100 in flight at once, over keep-alive connections.
  local before = connections_opened().http
  local me, answered = coroutine.running(), 0
  for i = 1, 100 do
    http.request(base .. "/echo?n=" .. i, "GET", function(_, _, response)
      eq(json.decode(response.response).url, "/echo?n=" .. i, "the answer to its own request")
      answered = answered + 1
      if answered == 100 then resume(me) end
    end)
  end
  coroutine.yield()
  local opened = connections_opened().http - before
  check(opened >= 1 and opened <= 6, "100 requests share at most 6 connections", opened)
  print("100 requests in flight: " .. opened .. " TCP connections opened")
end

---@async
local function proxied()
  local r = fetch(base .. "/echo?via=proxy", "GET")
  eq(r.status, 200, "through the proxy")
  eq(json.decode(r.response).url, "/echo?via=proxy", "the path, as the proxy passes it on")
  r = fetch(secure .. "/echo?via=tunnel", "GET")
  eq(r.status, 200, "https through the proxy's tunnel")
end

resume(coroutine.create(---@async
function()
  if mode == "direct" then direct() else proxied() end
  print("ok http_client")
end))
