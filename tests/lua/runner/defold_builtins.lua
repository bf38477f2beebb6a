-- The runner's Defold built-ins besides http: sys (config, save files, system info), crypt,
-- zlib, timer.trigger/get_info and the socket stand-in. tests/runner.rs runs it under both VMs
-- with XDG_DATA_HOME set to a scratch folder and a game.project of
--   [test] count = 42, ratio = 0.5, word = hello
-- and, with "no-luasocket" as arg[1], with module paths where LuaSocket is not.
local function eq(got, want, what)
  if got ~= want then error(string.format("%s: got %s, want %s", what, tostring(got), tostring(want)), 2) end
end

local function fails(pattern, f, ...)
  local ok, message = pcall(f, ...)
  if ok or not tostring(message):find(pattern, 1, true) then
    error(string.format("expected an error with %q, got %s", pattern, tostring(message)), 2)
  end
end

local function hex(bytes)
  return (bytes:gsub(".", function(c) return string.format("%02x", c:byte()) end))
end

if arg[1] == "no-luasocket" then
  assert(socket.gettime() > 1.6e9, "socket.gettime without LuaSocket")
  local before = socket.gettime()
  socket.sleep(0.05)
  assert(socket.gettime() - before >= 0.04, "socket.sleep without LuaSocket")
  fails("socket.connect: LuaSocket is not installed for the runner's Lua: apt-get install lua-socket",
    function() return socket.connect end)
  print("ok defold_builtins no-luasocket")
  return
end

-- sys: game.project's values, typed.
eq(sys.get_config_string("test.word"), "hello", "get_config_string")
eq(sys.get_config_string("test.missing", "dflt"), "dflt", "get_config_string's default")
eq(sys.get_config_int("test.count"), 42, "get_config_int")
eq(sys.get_config_int("test.missing", 7), 7, "get_config_int's default")
eq(sys.get_config_number("test.ratio"), 0.5, "get_config_number")
fails("test.word = 'hello' is not a whole number", sys.get_config_int, "test.word")
---@diagnostic disable-next-line: undefined-field -- what the runner does not have, on purpose
fails("sys.open_url: the runner does not have it", function() return sys.open_url("x") end)

-- sys: save files.
local path = sys.get_save_file("wslua_test", "state")
eq(path, os.getenv("XDG_DATA_HOME") .. "/wslua_test/state", "get_save_file under XDG_DATA_HOME")
fails("file_name '../x' is not a file name", sys.get_save_file, "wslua_test", "../x")
local saved = {
  name = "ada",
  level = 3,
  ratio = 0.25,
  flags = { true, false },
  bytes = "a\0b\255",
  nested = { deeper = { deepest = "yes" }, [10] = "ten" },
}
eq(sys.save(path, saved), true, "save")
local loaded = sys.load(path)
eq(loaded.name, "ada", "a string")
eq(loaded.level, 3, "an integer")
eq(loaded.ratio, 0.25, "a float")
eq(loaded.flags[1], true, "a boolean in an array")
eq(loaded.flags[2], false, "false")
eq(loaded.bytes, "a\0b\255", "bytes that are not UTF-8")
eq(loaded.nested.deeper.deepest, "yes", "nesting")
eq(loaded.nested[10], "ten", "a number key")
eq(next(sys.load(path .. ".missing")), nil, "a missing file loads as an empty table")
local cycle = {}
cycle.self = cycle
fails("a table that contains itself", sys.save, path, cycle)
fails("a function (at key 'f')", sys.save, path, { f = print })
fails("bad argument #2 to 'save' (table expected, got string)", sys.save, path, "text")
eq(sys.load(path).name, "ada", "a failed save leaves the file as it was")
local corrupt = assert(io.open(path, "wb"))
corrupt:write("WSLUASV1\222\0\1")
corrupt:close()
fails("is not a file sys.save wrote", sys.load, path)
local other = assert(io.open(path, "wb"))
other:write("{}")
other:close()
fails("it does not start with WSLUASV1", sys.load, path)

-- sys: what the system is.
local info = sys.get_sys_info()
eq(info.system_name, "Linux", "system_name")
assert(#info.system_version > 0, "system_version")
eq(info.language, "pt", "language from LANG=pt_BR.UTF-8")
eq(info.territory, "BR", "territory")
eq(info.device_language, "pt-BR", "device_language")
eq(info.gmt_offset % 1, 0, "gmt_offset in whole minutes")
eq(sys.get_sys_info({ ignore_secure = true }).device_ident, nil, "ignore_secure leaves out device_ident")
eq(sys.get_engine_info().version:match("^%d+%.%d+%.%d+$") ~= nil, true, "engine version")
local loopback = false
for _, ifaddr in ipairs(sys.get_ifaddrs()) do
  if ifaddr.name == "lo" and ifaddr.address == "127.0.0.1" then loopback = ifaddr.up end
end
eq(loopback, true, "get_ifaddrs lists lo, up, with 127.0.0.1")

-- crypt: the standard test vectors.
eq(hex(crypt.hash_sha1("abc")), "a9993e364706816aba3e25717850c26c9cd0d89d", "sha1")
eq(hex(crypt.hash_sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "sha256")
eq(hex(crypt.hash_sha512("abc")):sub(1, 32), "ddaf35a193617abacc417349ae204131", "sha512")
eq(hex(crypt.hash_md5("abc")), "900150983cd24fb0d6963f7d28e17f72", "md5")
eq(crypt.encode_base64("a\0\255"), "YQD/", "encode_base64 of bytes")
eq(crypt.decode_base64("YQD/"), "a\0\255", "decode_base64")
eq(crypt.decode_base64("aGk"), "hi", "decode_base64 without padding")
fails("decode_base64: not Base64", crypt.decode_base64, "@@@@")

-- zlib: a round trip, the zlib format, and what is not zlib.
local text = string.rep("the quick brown fox ", 500)
local packed = zlib.deflate(text)
assert(#packed < #text / 10, "deflate compresses")
eq(packed:byte(1), 0x78, "the zlib header")
eq(zlib.inflate(packed), text, "inflate")
fails("inflate: not zlib data", zlib.inflate, "not zlib")

-- timer.trigger and get_info.
local fired = 0
local handle = timer.delay(60, true, function() fired = fired + 1 end)
local got = assert(timer.get_info(handle))
eq(got.delay, 60, "get_info delay")
eq(got.repeating, true, "get_info repeating")
assert(got.time_remaining > 59 and got.time_remaining <= 60, "get_info time_remaining")
eq(timer.trigger(handle), true, "trigger")
eq(fired, 1, "trigger calls the callback now")
eq(timer.cancel(handle), true, "a triggered repeating timer runs on")
eq(timer.get_info(handle), nil, "get_info of a cancelled timer")
local once = timer.delay(60, false, function() fired = fired + 1 end)
eq(timer.trigger(once), true, "trigger a one-shot timer")
eq(timer.trigger(once), false, "a triggered one-shot timer has ended")
eq(fired, 2, "the one-shot timer fired once")

-- json: whole numbers without a fraction under both VMs, as Defold writes them.
eq(json.encode({ a = 10 / 2, b = 1.5, c = 2 ^ 40 }), '{"a":5,"b":1.5,"c":1099511627776}', "json numbers")

-- socket: LuaSocket itself, which scripts/test installs (Debian's lua-socket).
eq(type(socket.connect), "function", "the global socket is LuaSocket")
eq(type(socket.gettime()), "number", "its gettime")
print("ok defold_builtins")
