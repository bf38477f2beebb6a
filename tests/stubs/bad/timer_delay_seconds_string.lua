-- timer.delay takes a number of seconds.
timer.delay("2", false, function() end) --! param-type-mismatch
