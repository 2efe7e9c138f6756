-- Rate limit decision for one request: every policy is checked, and the request is admitted (and counted
-- in every policy) only if all of them admit it. Atomic, and timed by the Redis server clock.
--
-- KEYS[i]   the state of policy i (all keys share one hash tag, so the script runs in one cluster slot)
-- ARGV[1]   number of policies n; then, for each policy i, five values starting at 2 + (i-1)*5:
--             algorithm  "gcra" or "sliding-log"
--             limit      requests per window (after plan and role multipliers)
--             window     window length in microseconds
--             burst      gcra: requests admitted at once; sliding-log: ignored
--             cost       requests this call counts (0 only checks)
--           then, optionally, a lease (see RateLimitLeases; ignored unless every policy is gcra with cost 1):
-- ARGV[2+5n] units wanted: each policy counts granted units, at most this and at most a quarter of what
--             the tightest policy has left, and at least 1
-- ARGV[3+5n] units given back: the unused units of this instance's previous lease of these keys
-- ARGV[4+5n..3+6n] for each policy, the TAT that lease left it at (µs, Redis clock). Only the part of the
--             given-back units still ahead of now is counted off: a unit whose time has passed came back
--             by itself, and giving it back again would free what other requests have used since.
-- Returns   a flat array, five integers per policy, then the units granted, then the Redis time (µs):
--             admitted (1 or 0), remaining, reset (µs until the policy is whole again),
--             retry (µs until this request would be admitted; 0 when admitted),
--             next (µs until more quota is available: the next unit back; 0 when whole)
--
-- GCRA keeps one integer per key: the theoretical arrival time (TAT) of the next request, in µs.
-- Sliding log keeps a sorted set of admission times: exactly `limit` in any rolling window.
-- Numbers go to Redis through '%.0f': Lua's default formatting would round µs timestamps. Stored times are
-- whole µs, so counting units allows 1 µs: a fresh key of 9 a minute has 8 left after one, not 7.99999;
-- where an interval is shorter than that µs (more than a million a second), the burst bounds what is left.

local function int(x) return string.format('%.0f', x) end

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local n = tonumber(ARGV[1])
local wanted = tonumber(ARGV[2 + 5 * n] or '1')
local returned = tonumber(ARGV[3 + 5 * n] or '0')
local results = {}
local admitted = true
local writes = {}

local leasable = true
for i = 1, n do
    local base = 2 + (i - 1) * 5
    if ARGV[base] ~= 'gcra' or ARGV[base + 4] ~= '1' then leasable = false end
end
if not leasable then
    wanted = 1
    returned = 0
end

-- Policy i's TAT with the given-back units counted off; never earlier than now.
local function gcra_tat(i, key, interval)
    local tat = tonumber(redis.call('GET', key) or now)
    if tat < now then tat = now end
    if returned > 0 then
        local left_at = tonumber(ARGV[3 + 5 * n + i])
        tat = tat - math.min(returned * interval, math.max(0, left_at - now))
        if tat < now then tat = now end
    end
    return tat
end

local granted = 1
if wanted > 1 then
    local fits = wanted * 4
    for i = 1, n do
        local base = 2 + (i - 1) * 5
        local interval = tonumber(ARGV[base + 2]) / tonumber(ARGV[base + 1])
        local burst = tonumber(ARGV[base + 3])
        local left = math.min(burst, math.floor((now - (gcra_tat(i, KEYS[i], interval) - burst * interval) + 1) / interval))
        if left < fits then fits = left end
    end
    granted = math.max(1, math.min(wanted, math.floor(fits / 4)))
end

for i = 1, n do
    local base = 2 + (i - 1) * 5
    local algorithm = ARGV[base]
    local limit = tonumber(ARGV[base + 1])
    local window = tonumber(ARGV[base + 2])
    local burst = tonumber(ARGV[base + 3])
    local cost = tonumber(ARGV[base + 4]) * granted
    local key = KEYS[i]

    if algorithm == 'gcra' then
        local interval = window / limit
        local tat = gcra_tat(i, key, interval)
        local new_tat = tat + cost * interval
        local allow_at = new_tat - burst * interval
        if now >= allow_at then
            local remaining = math.min(burst - cost, math.floor((now - allow_at + 1) / interval))
            local next = 0
            if remaining < burst then
                next = math.max(0, math.ceil(allow_at - 1 + (remaining + 1) * interval - now))
            end
            results[#results + 1] = {1, remaining, math.ceil(new_tat - now), 0, next}
            if cost > 0 then
                writes[#writes + 1] = function()
                    redis.call('SET', key, int(new_tat), 'PX', int(math.max(1, math.ceil((new_tat - now) / 1000))))
                end
            end
        else
            admitted = false
            results[#results + 1] = {0, 0, math.ceil(tat - now), math.ceil(allow_at - now), math.ceil(allow_at - now)}
        end
    else
        redis.call('ZREMRANGEBYSCORE', key, '-inf', int(now - window))
        local count = redis.call('ZCARD', key)
        local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
        if count + cost <= limit then
            -- More quota comes back when the oldest admission (or this one, if it is the first) leaves.
            local next = 0
            if oldest[2] then next = tonumber(oldest[2]) + window - now elseif cost > 0 then next = window end
            results[#results + 1] = {1, limit - count - cost, window, 0, next}
            if cost > 0 then
                writes[#writes + 1] = function()
                    -- Members stay unique: at one instant `count` grows with every admission.
                    for c = 1, cost do
                        redis.call('ZADD', key, int(now), int(now) .. '-' .. (count + c))
                    end
                    redis.call('PEXPIRE', key, int(math.ceil(window / 1000)))
                end
            end
        else
            admitted = false
            -- The request fits once enough of the oldest admissions have left the window.
            local freeing = redis.call('ZRANGE', key, count + cost - limit - 1, count + cost - limit - 1, 'WITHSCORES')
            local retry = window
            if freeing[2] then retry = tonumber(freeing[2]) + window - now end
            local reset = window
            if oldest[2] then reset = tonumber(oldest[2]) + window - now end
            results[#results + 1] = {0, math.max(0, limit - count), reset, math.max(1, retry), math.max(1, retry)}
        end
    end
end

if admitted then
    for _, write in ipairs(writes) do write() end
end

local flat = {}
for _, r in ipairs(results) do
    for _, v in ipairs(r) do flat[#flat + 1] = v end
end
flat[#flat + 1] = granted
flat[#flat + 1] = now
return flat
