-- Reads the bus log from a point on the Redis clock. Scripts run one at a time, so a message logged after
-- this read has a score of at least the time returned: reading again from that time (inclusive) misses none.
--
-- KEYS[1]  the bus log {bus}:log
-- ARGV[1]  from (ms, inclusive), or "-" for from now (a first read, which only learns the time)
-- Returns  {now, message, message, ...}

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local from = ARGV[1] == '-' and now or ARGV[1]
local messages = redis.call('ZRANGEBYSCORE', KEYS[1], from, '+inf')
table.insert(messages, 1, now)
return messages
