/* The C half of the test rock: it calls the Lua C API, which the runner must export. */
#include <lua.h>
#include <lauxlib.h>

static int hello(lua_State *L) {
  lua_pushfstring(L, "hello from C, %s", luaL_checkstring(L, 1));
  return 1;
}

int luaopen_greeting_c(lua_State *L) {
  lua_newtable(L);
  lua_pushcfunction(L, hello);
  lua_setfield(L, -2, "hello");
  return 1;
}
