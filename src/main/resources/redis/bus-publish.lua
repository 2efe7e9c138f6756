-- Publishes an invalidation to every instance and keeps it in the bus log, from which instances catch up on
-- messages their subscription missed (a dropped connection, CLIENT KILL TYPE pubsub, a slow consumer).
--
-- KEYS[1]  the bus log {bus}:log (zset of messages scored by the Redis clock in ms)
-- ARGV[1]  the channel, ARGV[2] the message (JSON, unique: it names its origin and sequence),
-- ARGV[3]  how long the log keeps a message, in ms
-- Returns  the number of subscribers that received the message

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZADD', KEYS[1], now, ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[3]))
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return redis.call('PUBLISH', ARGV[1], ARGV[2])
