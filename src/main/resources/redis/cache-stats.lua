-- A tenant's cache figures: per cache, lookups from the statistics hash, entries and bytes from the index.
--
-- KEYS[1]  the tenant's entry index (zset), KEYS[2] the tenant's statistics (hash)
-- ARGV[1]  the key prefix of the tenant's entries, "{t:<tenant>}:c:"
-- Returns  {statistics as a flat field/value list, {cache, entries, bytes, ...}}
-- Costs one STRLEN per live entry: bounded by the tenant's quota, and only for this endpoint.

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%.0f', now))
local sizes = {}
local order = {}
for _, key in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
    local rest = string.sub(key, #ARGV[1] + 1)
    local cache = string.sub(rest, 1, (string.find(rest, ':', 1, true) or (#rest + 1)) - 1)
    if not sizes[cache] then
        sizes[cache] = {0, 0}
        order[#order + 1] = cache
    end
    local length = redis.call('STRLEN', key)
    if length > 0 then
        sizes[cache][1] = sizes[cache][1] + 1
        sizes[cache][2] = sizes[cache][2] + length
    end
end
local flat = {}
for _, cache in ipairs(order) do
    flat[#flat + 1] = cache
    flat[#flat + 1] = sizes[cache][1]
    flat[#flat + 1] = sizes[cache][2]
end
return {redis.call('HGETALL', KEYS[2]), flat}
