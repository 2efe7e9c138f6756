#!/usr/bin/env bash
# Stockroom benchmarks: starts the packaged service three times against the local PostgreSQL and Redis
# (everything on; cache off; rate limiter off), loads a tenant with 100,000 products and one with 1,000,
# warms up, and prints one table of ratios measured side by side in this run.
#
#   bench/run.sh                 # about 7 minutes
#   DURATION=20s bench/run.sh    # longer runs, steadier figures
#
# Needs: PostgreSQL on localhost:5432 (user postgres), Redis on localhost:6379, wrk and hey (installed
# from Debian's packages when missing), python3.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
DB=stockroom_bench
REDIS_DB=3
TOKEN=bench-operator-token-0123456789abcdef
OUT=bench/results
mkdir -p "$OUT"

need() { command -v "$1" >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }; }
need wrk wrk
need hey hey
need psql postgresql-client
need redis-cli redis-tools

[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests

psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
redis-cli -n $REDIS_DB flushdb >/dev/null

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

start() { # name port extra-env...
    local name=$1 port=$2
    shift 2
    env QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$DB QUARKUS_DATASOURCE_USERNAME=postgres \
        QUARKUS_DATASOURCE_PASSWORD= QUARKUS_REDIS_HOSTS=redis://127.0.0.1:6379/$REDIS_DB \
        STOCKROOM_ADMIN_TOKEN=$TOKEN QUARKUS_HTTP_PORT=$port QUARKUS_LOG_LEVEL=WARN \
        STOCKROOM_RATE_LIMIT_POLICIES_API_LIMIT=1000000000 STOCKROOM_RATE_LIMIT_POLICIES_WRITES_LIMIT=1000000000 \
        STOCKROOM_RATE_LIMIT_POLICIES_ADMIN_LIMIT=1000000000 STOCKROOM_RATE_LIMIT_POLICIES_TENANT_LIMIT=1000000000 \
        STOCKROOM_CACHE_TENANT_QUOTA_MAX_ENTRIES=200000 \
        "$@" java -Xmx512m -jar target/quarkus-app/quarkus-run.jar >"$OUT/$name.log" 2>&1 &
    pids+=($!)
}
wait_ready() {
    for _ in $(seq 1 120); do curl -sf "localhost:$1/q/health/ready" >/dev/null && return; sleep 1; done
    echo "instance on port $1 did not become ready" >&2; exit 1
}

ON=8101; NOCACHE=8102; NOLIMIT=8103
start on $ON
wait_ready $ON   # the first instance runs the migrations
start nocache $NOCACHE STOCKROOM_CACHE_ENABLED=false
start nolimit $NOLIMIT STOCKROOM_RATE_LIMIT_ENABLED=false
wait_ready $NOCACHE; wait_ready $NOLIMIT

json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {'d': d}))" "$1"; }
tenant() { # slug -> "id key"
    curl -sf -X POST localhost:$ON/admin/tenants -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
        -d "{\"slug\":\"$1\",\"name\":\"$1\",\"plan\":\"ENTERPRISE\"}" | json "d['tenant']['id'] + ' ' + d['apiKey']['key']"
}
read -r BIG KEY <<<"$(tenant bench-big)"
read -r SMALL SMALL_KEY <<<"$(tenant bench-small)"

echo "Generating 100,000 and 1,000 products"
psql -q -h 127.0.0.1 -U postgres -d $DB <<SQL
INSERT INTO products (id, tenant_id, sku, name, description, price, currency, stock, category, tags)
SELECT gen_random_uuid(), t.id, 'SKU-' || n, 'Product ' || n || ' ' || md5(n::text), 'Generated for benchmarks',
       (n % 1000) + 0.99, 'EUR', n % 500, 'category-' || (n % 50),
       ARRAY['tag-' || (n % 20), 'tag-' || (n % 7 + 100)]
FROM (VALUES ('$BIG'::uuid, 100000), ('$SMALL'::uuid, 1000)) AS t(id, count), generate_series(1, t.count) AS n
WHERE n <= t.count;
ANALYZE products;
SQL
PRODUCT=$(psql -tA -h 127.0.0.1 -U postgres -d $DB -c "SELECT id FROM products WHERE tenant_id = '$BIG' AND sku = 'SKU-4242'")
COLD=$(psql -tA -h 127.0.0.1 -U postgres -d $DB -c "SELECT id FROM products WHERE tenant_id = '$BIG' AND sku = 'SKU-777'")
LIST="/api/v1/products?category=category-7&minPrice=100&maxPrice=900&limit=50"

rps() { # port path [key]
    wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -H "X-API-Key: ${3:-$KEY}" "http://localhost:$1$2" \
        | awk '/Requests\/sec/ {print $2}'
}
requests_in() { wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -H "X-API-Key: $KEY" "http://localhost:$1$2" | awk '/requests in/ {print $1}'; }
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
# Commands Redis ran, without the invalidation bus's own traffic (each instance reads the bus log every
# 250 ms: EVALSHA, TIME, GET, ZRANGEBYSCORE; each publish: EVALSHA, TIME, ZADD, ZREMRANGEBYSCORE, PEXPIRE,
# PUBLISH).
# Only the bus runs PUBLISH and ZRANGEBYSCORE, so their counts say how much to take out (the same rule as
# the tests' RedisCommands). Differences of this total are what requests cost.
redis_calls() { redis-cli info commandstats | python3 -c "
import sys
calls = {}
for line in sys.stdin:
    if line.startswith('cmdstat_') and not line.startswith('cmdstat_info:'):
        calls[line[8:line.index(':')]] = int(line.split('calls=')[1].split(',')[0])
print(sum(calls.values()) - 4 * calls.get('zrangebyscore', 0) - 6 * calls.get('publish', 0))"; }
product_scans() { psql -tA -h 127.0.0.1 -U postgres -d $DB -c "SELECT seq_scan + coalesce(idx_scan, 0) FROM pg_stat_user_tables WHERE relname = 'products'"; }
metric() { curl -s "localhost:$1/q/metrics" >"$OUT/metrics.txt"; awk -v m="$2" 'index($0, m) == 1 {print $2; exit}' "$OUT/metrics.txt"; }

# On two cores the JIT needs tens of seconds under load before a path runs at full speed (measured: the
# limited read doubles its rate between 10 s and 40 s of load); figures taken earlier compare warm-ups.
echo "Warming up (${WARMUP:-20s} per path and instance)"
for port in $ON $NOCACHE $NOLIMIT; do
    for path in /api/v1/whoami "/api/v1/products/$PRODUCT" "$LIST"; do
        wrk -t2 -c"$CONNECTIONS" -d"${WARMUP:-20s}" -H "X-API-Key: $KEY" "http://localhost:$port$path" >/dev/null
    done
done

echo "Measuring (each figure: wrk, $DURATION, $CONNECTIONS connections)"
ceiling=$(rps $ON /api/v1/whoami)
cached=$(rps $ON "/api/v1/products/$PRODUCT")
list_cached=$(rps $ON "$LIST")
list_uncached=$(rps $NOCACHE "$LIST")
unlimited=$(rps $NOLIMIT "/api/v1/products/$PRODUCT")

# Redis commands and SQL per cached hit, without the limiter's own EVALSHA (instance without limiter).
before_redis=$(redis_calls); before_sql=$(product_scans); sleep 1
hits=$(requests_in $NOLIMIT "/api/v1/products/$PRODUCT")
sleep 1; after_redis=$(redis_calls); after_sql=$(product_scans)
redis_per_hit=$(python3 -c "print(f'{($after_redis - $before_redis) / $hits:.3f}')")
sql_per_hit=$(python3 -c "print(f'{($after_sql - $before_sql) / $hits:.3f}')")

# Loader runs for 200 concurrent requests on one cold key.
loads_before=$(metric $ON 'cache_load_seconds_count{cache="product"')
hey -n 200 -c 200 -H "X-API-Key: $KEY" "http://localhost:$ON/api/v1/products/$COLD" >"$OUT/stampede.txt"
loads_after=$(metric $ON 'cache_load_seconds_count{cache="product"')
stampede_loads=$(python3 -c "print(int(${loads_after:-0} - ${loads_before:-0}))")

# Tenant purge time with 100 and with 100,000 entries in the tenant's cache.
fill() { # count
    python3 - "$SMALL" "$1" <<'PY' | redis-cli -n $REDIS_DB --pipe >/dev/null
import base64, sys, uuid
tenant, count = uuid.UUID(sys.argv[1]), int(sys.argv[2])
tag = "{t:" + base64.urlsafe_b64encode(tenant.bytes).decode().rstrip("=") + "}"
value = "0,0,0\nj" + '{"name":"' + "x" * 300 + '"}'
for i in range(count):
    key = f"{tag}:c:product:bench{i:07d}"
    parts = ["SET", key, value, "PX", "600000"]
    sys.stdout.write(f"*{len(parts)}\r\n" + "".join(f"${len(p.encode())}\r\n{p}\r\n" for p in parts))
PY
}
purge_ms() {
    for _ in $(seq 1 50); do
        curl -s -o /dev/null -w '%{time_total}\n' -X DELETE "localhost:$ON/api/v1/cache" -H "X-API-Key: $SMALL_KEY"
    done | sort -n | awk '{a[NR]=$1} END {printf "%.2f", a[int((NR+1)/2)] * 1000}'
}
fill 100; purge_small=$(purge_ms)
fill 100000; purge_big=$(purge_ms)

# The cost of a write's invalidation: product updates (1,000 products of the small tenant, at random) on the
# instance with the cache on (each update records its invalidations in the outbox table in its own
# transaction, relays them to Redis and the bus before answering, and deletes the rows in a later batch)
# against the instance with the cache off (no invalidation at all). Outbox rows per update from PostgreSQL's
# own insert counter.
psql -tA -h 127.0.0.1 -U postgres -d $DB -c "SELECT id, sku FROM products WHERE tenant_id = '$SMALL'" \
    | awk -F'|' 'BEGIN {print "products = {"} {printf "{\"%s\", \"%s\"},\n", $1, $2} END {print "}"}' >"$OUT/updates.lua"
cat >>"$OUT/updates.lua" <<'LUA'
wrk.headers["Content-Type"] = "application/json"
counter = 0
request = function()
    counter = counter + 1
    local p = products[math.random(#products)]
    local body = '{"sku":"' .. p[2] .. '","name":"Updated ' .. counter .. '","price":2.5,"currency":"EUR","stock":7}'
    return wrk.format("PUT", "/api/v1/products/" .. p[1], nil, body) -- nil: the headers of -H, and the one above
end
LUA
updates() { # port
    wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -s "$OUT/updates.lua" -H "X-API-Key: $SMALL_KEY" "http://localhost:$1" >"$OUT/updates-$1.txt"
    awk '/Requests\/sec/ {print $2}' "$OUT/updates-$1.txt"
}
outbox_rows() { psql -tA -h 127.0.0.1 -U postgres -d $DB -c "SELECT n_tup_ins FROM pg_stat_user_tables WHERE relname = 'cache_invalidations'"; }
wrk -t2 -c"$CONNECTIONS" -d"${WARMUP:-20s}" -s "$OUT/updates.lua" -H "X-API-Key: $SMALL_KEY" "http://localhost:$ON" >/dev/null
wrk -t2 -c"$CONNECTIONS" -d"${WARMUP:-20s}" -s "$OUT/updates.lua" -H "X-API-Key: $SMALL_KEY" "http://localhost:$NOCACHE" >/dev/null
# Three rounds in alternating order; the median of each side.
on_rates=(); off_rates=(); rows_inserted=0; updates_sent=0
for round in 1 2 3; do
    order=("$ON" "$NOCACHE"); [ $((round % 2)) -eq 0 ] && order=("$NOCACHE" "$ON")
    for port in "${order[@]}"; do
        before=$(outbox_rows); sleep 1
        rate=$(updates "$port")
        sleep 1; after=$(outbox_rows)
        if [ "$port" = "$ON" ]; then
            on_rates+=("$rate")
            rows_inserted=$((rows_inserted + after - before))
            updates_sent=$((updates_sent + $(awk '/requests in/ {print $1}' "$OUT/updates-$port.txt")))
        else
            off_rates+=("$rate")
        fi
    done
done
median() { printf '%s\n' "$@" | sort -g | sed -n 2p; }
failed_updates=$(cat "$OUT"/updates-*.txt | awk '/Non-2xx/ {n += $5} END {print n + 0}')
[ "$failed_updates" -eq 0 ] || echo "warning: $failed_updates product updates were not answered 2xx (see $OUT/updates-*.txt)" >&2
updates_on=$(median "${on_rates[@]}"); updates_off=$(median "${off_rates[@]}")
rows_per_update=$(python3 -c "print(f'{$rows_inserted / $updates_sent:.2f}')")

# Latency of a cached read at half the measured peak rate.
half=$(python3 -c "print(max(1, int($cached / 2 / 16)))")
hey -z "$DURATION" -c 16 -q "$half" -H "X-API-Key: $KEY" "http://localhost:$ON/api/v1/products/$PRODUCT" >"$OUT/latency.txt"
p50=$(awk '/50% in/ {printf "%.2f", $3 * 1000}' "$OUT/latency.txt")
p99=$(awk '/99% in/ {printf "%.2f", $3 * 1000}' "$OUT/latency.txt")

printf '\n%-58s %12s %10s\n' "measure (one run, side by side)" "result" "target"
printf '%-58s %12s %10s\n' "cached GET /products/{id} / GET /whoami (rps)" "$(ratio "$cached" "$ceiling")" ">= 0.6"
printf '%-58s %12s %10s\n' "filtered list, cache on / cache off (rps)" "$(ratio "$list_cached" "$list_uncached")" ">= 10"
printf '%-58s %12s %10s\n' "cached read, limiter on / limiter off (rps)" "$(ratio "$cached" "$unlimited")" ">= 0.85"
printf '%-58s %12s %10s\n' "Redis commands per cached hit (limiter off)" "$redis_per_hit" "<= 1"
printf '%-58s %12s %10s\n' "SQL scans of products per cached hit" "$sql_per_hit" "0"
printf '%-58s %12s %10s\n' "loader runs, 200 concurrent requests on one cold key" "$stampede_loads" "1"
printf '%-58s %12s %10s\n' "tenant purge, 100,000 entries / 100 entries (median time)" "$(ratio "$purge_big" "$purge_small")" "<= 2"
printf '%-58s %12s %10s\n' "product update, cache on / cache off (rps)" "$(ratio "$updates_on" "$updates_off")" "-"
printf '%-58s %12s %10s\n' "outbox rows per product update" "$rows_per_update" "-"
printf '%-58s %12s %10s\n' "cached read at half peak ($((half * 16)) rps): p50 / p99 ms" "$p50 / $p99" "-"
printf '\nraw: whoami %s, cached %s, list cached %s, list uncached %s, limiter off %s rps; purge %s ms vs %s ms\n' \
    "$ceiling" "$cached" "$list_cached" "$list_uncached" "$unlimited" "$purge_big" "$purge_small"
printf 'raw: product updates, median of 3 rounds, %s rps with the cache on (%s), %s with it off (%s)\n' \
    "$updates_on" "${on_rates[*]}" "$updates_off" "${off_rates[*]}"
