-- Cache read: one round trip for an entry, the tenant's generations, and (on a miss) the loader's lease.
--
-- KEYS[1]  the entry                 {t:<tenant>}:c:<cache>:<hash>
-- KEYS[2]  the tenant's generations  {t:<tenant>}:c:gen   (hash: i, t, c:<cache>, g:<tag>, k:<caller>)
-- KEYS[3]  the entry's lease         {t:<tenant>}:c:lease:<cache>:<hash>
-- KEYS[4]  the tenant's statistics   {t:<tenant>}:c:stats (hash: h:<cache>, m:<cache>)
-- KEYS[5]  the entry's revocation    {t:<tenant>}:c:rev:<cache>:<hash> (a token each entry invalidation sets)
-- ARGV[1]  cache name (for statistics)
-- ARGV[2]  lease token, ARGV[3] lease time in ms ("0": do not take a lease; "peek": see below)
-- ARGV[4..] the generation fields the entry depends on
-- Returns  {1, value}            hit: the entry was stored under the current generations
--          {0, generations, 1}   miss, and the caller holds the lease: load, then store with these generations
--          {0, generations, 0}   miss, another caller is loading: wait for its entry
-- A peek (ARGV[3] "peek") reads without consequence on a miss: {0} is returned, nothing is counted and no lease
-- is taken, because the caller reads again, for real, before it loads.
-- An entry is "<generations>\n<value>"; one stored under older generations is a miss (and is left to expire),
-- which is what makes purging a tenant, a cache, a tag or a caller O(1). The entry's revocation token ends
-- the generations ("<g1>,<g2>,...|<token>"), so invalidating one entry also refuses every store of a load
-- that began before it, here or on any instance.
-- The hash's incarnation (field i) starts the generations. Should the hash vanish (evicted, lost in a
-- failover, flushed), the next read gives it a new incarnation, so no entry stored before comes back with
-- counters that read 0 again.

local fields = {'i'}
for i = 4, #ARGV do fields[#fields + 1] = ARGV[i] end
local values = redis.call('HMGET', KEYS[2], unpack(fields))
if not values[1] then
    redis.call('HSETNX', KEYS[2], 'i', ARGV[2])
    values[1] = redis.call('HGET', KEYS[2], 'i')
end
for i = 2, #values do values[i] = values[i] or '0' end
local generations = table.concat(values, ',') .. '|' .. (redis.call('GET', KEYS[5]) or '0')

local entry = redis.call('GET', KEYS[1])
if entry then
    local sep = string.find(entry, '\n', 1, true)
    if sep and string.sub(entry, 1, sep - 1) == generations then
        redis.call('HINCRBY', KEYS[4], 'h:' .. ARGV[1], 1)
        return {1, string.sub(entry, sep + 1)}
    end
end
if ARGV[3] == 'peek' then
    return {0}
end
redis.call('HINCRBY', KEYS[4], 'm:' .. ARGV[1], 1)
if ARGV[3] == '0' then
    return {0, generations, 1}
end
local leased = redis.call('SET', KEYS[3], ARGV[2], 'NX', 'PX', ARGV[3])
return {0, generations, leased and 1 or 0}
