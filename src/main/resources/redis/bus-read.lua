-- Reads the bus log from a point on the Redis clock. Scripts run one at a time, so a message logged after
-- this read has a score of at least the time returned: reading again from that time (inclusive) misses none.
-- Also returns Redis' data epoch, a token set once and never expired: if it changes, Redis lost its data
-- (flushed, restarted empty, failed over to a replica without it), and with it messages and generations.
--
-- KEYS[1]  the bus log {bus}:log, KEYS[2] the data epoch {bus}:epoch
-- ARGV[1]  from (ms, inclusive), or "-" for from now (a first read, which only learns the time)
-- ARGV[2]  a new epoch token, used if there is none
-- Returns  {now, epoch, message, message, ...}

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local epoch = redis.call('GET', KEYS[2])
if not epoch then
    redis.call('SET', KEYS[2], ARGV[2])
    epoch = ARGV[2]
end
local from = ARGV[1] == '-' and now or ARGV[1]
local messages = redis.call('ZRANGEBYSCORE', KEYS[1], from, '+inf')
table.insert(messages, 1, epoch)
table.insert(messages, 1, now)
return messages
