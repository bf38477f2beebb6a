-- sys.get_config's default is text, as the values it returns.
local value = sys.get_config("chat.port", 8080) --! param-type-mismatch
print(value)
