-- The Lua half of the test rock.
return {
  hello = function(name) return "hello from Lua, " .. name end,
}
