-- json.encode's options: encode_empty_table_as_object is a boolean.
local text = json.encode({}, { encode_empty_table_as_object = "yes" }) --! param-type-mismatch
print(text)
