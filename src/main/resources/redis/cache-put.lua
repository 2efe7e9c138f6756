-- Cache store, only if nothing was invalidated since the value was loaded: a slow loader that read the old
-- value before a write committed must not store it after the write's invalidation.
--
-- KEYS[1]  the entry, KEYS[2] the generations, KEYS[3] the lease, KEYS[4] the tenant's entry index (zset),
-- KEYS[5]  the entry's revocation token (see cache-get.lua)
-- ARGV[1]  generations seen before loading, ARGV[2] value, ARGV[3] time to live in ms
-- ARGV[4]  lease token, ARGV[5] the tenant's maximum number of entries
-- ARGV[6..] the generation fields the entry depends on
-- Returns  {stored (1 or 0), entries evicted by the tenant's quota}
-- The index scores entries by expiry; past the quota, the entries closest to expiry go first, so one
-- tenant can never push out another's.

local fields = {'i'}
for i = 6, #ARGV do fields[#fields + 1] = ARGV[i] end
local values = redis.call('HMGET', KEYS[2], unpack(fields))
-- No incarnation: the generations vanished since the load began, so it cannot be known what changed.
if not values[1] then
    if redis.call('GET', KEYS[3]) == ARGV[4] then
        redis.call('DEL', KEYS[3])
    end
    return {0, 0}
end
for i = 2, #values do values[i] = values[i] or '0' end
local generations = table.concat(values, ',') .. '|' .. (redis.call('GET', KEYS[5]) or '0')

if redis.call('GET', KEYS[3]) == ARGV[4] then
    redis.call('DEL', KEYS[3])
end
if generations ~= ARGV[1] then
    return {0, 0}
end

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local ttl = tonumber(ARGV[3])
redis.call('SET', KEYS[1], generations .. '\n' .. ARGV[2], 'PX', ttl)
redis.call('ZADD', KEYS[4], string.format('%.0f', now + ttl), KEYS[1])
redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', string.format('%.0f', now))

local evicted = 0
local excess = redis.call('ZCARD', KEYS[4]) - tonumber(ARGV[5])
if excess > 0 then
    local victims = redis.call('ZPOPMIN', KEYS[4], excess)
    for i = 1, #victims, 2 do
        redis.call('DEL', victims[i])
        evicted = evicted + 1
    end
end
-- The index lives as long as its longest entry (PTTL is -1 for a new index, which has no expiry yet).
if redis.call('PTTL', KEYS[4]) < ttl then
    redis.call('PEXPIRE', KEYS[4], ttl)
end
return {1, evicted}
