-- Prints BitOp's results over inputs at its edges, one line each. tests/runner.rs runs it under
-- the stock `luajit` (LuaJIT's own `bit`) and under the runner's Lua 5.4 build (its copy of it):
-- the outputs must be the same.
local inputs = {
  0, 1, -1, 2, 7, 31, 32, 33, 255, 256, 0x7fffffff, 0x80000000, -0x80000000, 0xffffffff, 0x100000000,
  0x123456789, -0x123456789, 1.5, 2.5, -1.5, -2.5, 0.49, 1e15, -1e15, 2 ^ 53, 0x12345678, 0xdeadbeef,
}
local shifts = { 0, 1, 4, 8, 31, 32, 33, -1, 100 }
local function show(value)
  -- Whole numbers as integers under both VMs (`tostring` of a 5.4 integer has no ".0").
  return string.format("%d", value)
end
for _, x in ipairs(inputs) do
  local line = { show(bit.tobit(x)), bit.tohex(x), bit.tohex(x, -4), bit.tohex(x, 2), show(bit.bnot(x)),
    show(bit.bswap(x)), show(bit.band(x, 0xff00ff)), show(bit.bor(x, 0x10)), show(bit.bxor(x, -1, 0x55)) }
  for _, n in ipairs(shifts) do
    for _, op in ipairs({ bit.lshift, bit.rshift, bit.arshift, bit.rol, bit.ror }) do
      line[#line + 1] = show(op(x, n))
    end
  end
  print(table.concat(line, " "))
end
print(bit.band("12", 10), bit.bor(1, 2, 4, 8), bit.bxor(1))
