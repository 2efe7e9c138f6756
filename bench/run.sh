#!/usr/bin/env bash
# Stockroom benchmarks: starts the packaged service against the local PostgreSQL and Redis (everything on;
# cache off; rate limiter off; near cache off; two instances with small limits for the exactness probe and
# the noisy neighbour) and the peer (bench/peer: what a Quarkus user would assemble from off-the-shelf
# parts), loads a tenant with 100,000 products and one with 1,000, warms up, and prints tables of ratios
# measured side by side in this run.
#
#   bench/run.sh                 # about 26 minutes
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
: >"$OUT/pids.txt"   # "pid name" of every instance started, for the CPU census

need() { command -v "$1" >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }; }
need wrk wrk
need hey hey
need psql postgresql-client
need redis-cli redis-tools

[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
# The same build with one more endpoint, /bench/bare (http/BareEndpoint): the framework's own ceiling.
[ target/bench-bare/quarkus-run.jar -nt target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests \
    -Dstockroom.bench.bare-endpoint=true -Dquarkus.package.output-directory=bench-bare
[ -f bench/peer/target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q -f bench/peer/pom.xml package -DskipTests
# The JVM options the service ships with (src/main/docker/Dockerfile.jvm), for every JVM here.
JVM_OPTS="-Xmx512m -XX:+UseParallelGC"

psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
redis-cli -n $REDIS_DB flushdb >/dev/null
redis-cli -n 4 flushdb >/dev/null   # the peer's

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
        "$@" java $JVM_OPTS ${JVM_EXTRA:-} -jar "${JAR:-target/quarkus-app/quarkus-run.jar}" >"$OUT/$name.log" 2>&1 &
    pids+=($!)
    pid_of[$port]=$!
    echo "$! $name" >>"$OUT/pids.txt"
}
start_peer() { # name port limit-per-minute
    java $JVM_OPTS -Dquarkus.http.port=$2 -Dpeer.limit=$3 -Dquarkus.log.level=WARN -Dquarkus.datasource.jdbc.max-size=3 \
        -jar bench/peer/target/quarkus-app/quarkus-run.jar >"$OUT/$1.log" 2>&1 &
    pids+=($!)
    pid_of[$2]=$!
    echo "$! $1" >>"$OUT/pids.txt"
}
declare -A pid_of
wait_ready() { # port [path]
    for _ in $(seq 1 120); do curl -sf "localhost:$1${2:-/q/health/ready}" >/dev/null && return; sleep 1; done
    echo "instance on port $1 did not become ready" >&2; exit 1
}

ON=8101; NOCACHE=8102; NOLIMIT=8103; NONEAR=8104; PROBE_A=8105; PROBE_B=8106; BARE=8107
PEER=8201; PEER_A=8202; PEER_B=8203
# PostgreSQL allows 100 connections: 24 for each of the first three instances, 4 for each of the others
# (their reads are cache hits), 2 for the bare endpoint's, 3 for each peer.
start on $ON QUARKUS_DATASOURCE_JDBC_MAX_SIZE=24
wait_ready $ON   # the first instance runs the migrations
start nocache $NOCACHE QUARKUS_DATASOURCE_JDBC_MAX_SIZE=24 STOCKROOM_CACHE_ENABLED=false
start nolimit $NOLIMIT QUARKUS_DATASOURCE_JDBC_MAX_SIZE=24 STOCKROOM_RATE_LIMIT_ENABLED=false
start nonear $NONEAR QUARKUS_DATASOURCE_JDBC_MAX_SIZE=4 STOCKROOM_CACHE_NEAR_ENABLED=false
# Small limits: 100 a minute per key at multiplier 1 (FREE), 100 a second for PRO (the noisy neighbour),
# no practical limit for ENTERPRISE (its victim).
JVM_EXTRA="-Dstockroom.rate-limit.policies.api.limit=100 -Dstockroom.rate-limit.plans.PRO.multiplier=60 \
    -Dstockroom.rate-limit.plans.ENTERPRISE.multiplier=10000000"
start probe-a $PROBE_A QUARKUS_DATASOURCE_JDBC_MAX_SIZE=4; start probe-b $PROBE_B QUARKUS_DATASOURCE_JDBC_MAX_SIZE=4
JVM_EXTRA=
JAR=target/bench-bare/quarkus-run.jar start bare $BARE QUARKUS_DATASOURCE_JDBC_MAX_SIZE=2
start_peer peer $PEER 1000000000; start_peer peer-a $PEER_A 100; start_peer peer-b $PEER_B 100
for port in $NOCACHE $NOLIMIT $NONEAR $PROBE_A $PROBE_B $BARE; do wait_ready $port; done
for port in $PEER $PEER_A $PEER_B; do wait_ready $port /bare; done

json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {'d': d}))" "$1"; }
tenant() { # slug [plan] -> "id key"
    curl -sf -X POST localhost:$ON/admin/tenants -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
        -d "{\"slug\":\"$1\",\"name\":\"$1\",\"plan\":\"${2:-ENTERPRISE}\"}" | json "d['tenant']['id'] + ' ' + d['apiKey']['key']"
}
new_key() { # admin-key -> another key of the same tenant
    curl -sf -X POST localhost:$ON/api/v1/api-keys -H "X-API-Key: $1" -H 'Content-Type: application/json' \
        -d '{"name":"bench","role":"ADMIN"}' | json "d['key']"
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

median() { printf '%s\n' "$@" | sort -g | sed -n 2p; }
echo "Measuring (each figure: wrk, $DURATION, $CONNECTIONS connections)"
ceiling=$(rps $ON /api/v1/whoami)
list_cached=$(rps $ON "$LIST")
list_uncached=$(rps $NOCACHE "$LIST")
# Limiter on / off on a near-cache hit: the two paths warmed up for another ${PEER_WARMUP:-60s} each, then the
# median of 3 rounds in alternating order.
for port in $ON $NOLIMIT; do
    wrk -t2 -c"$CONNECTIONS" -d"${PEER_WARMUP:-60s}" -H "X-API-Key: $KEY" "http://localhost:$port/api/v1/products/$PRODUCT" >/dev/null
done
limited_rates=(); unlimited_rates=()
for round in 1 2 3; do
    if [ $((round % 2)) -eq 1 ]; then
        limited_rates+=("$(rps $ON "/api/v1/products/$PRODUCT")"); unlimited_rates+=("$(rps $NOLIMIT "/api/v1/products/$PRODUCT")")
    else
        unlimited_rates+=("$(rps $NOLIMIT "/api/v1/products/$PRODUCT")"); limited_rates+=("$(rps $ON "/api/v1/products/$PRODUCT")")
    fi
done
cached=$(median "${limited_rates[@]}"); unlimited=$(median "${unlimited_rates[@]}")

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
failed_updates=$(cat "$OUT"/updates-*.txt | awk '/Non-2xx/ {n += $5} END {print n + 0}')
[ "$failed_updates" -eq 0 ] || echo "warning: $failed_updates product updates were not answered 2xx (see $OUT/updates-*.txt)" >&2
updates_on=$(median "${on_rates[@]}"); updates_off=$(median "${off_rates[@]}")
rows_per_update=$(python3 -c "print(f'{$rows_inserted / $updates_sent:.2f}')")

# --- Against the peer. Stockroom's cached GET /api/v1/products/{id} (everything on; near cache off) against
# the peer doing the same, and against the bare endpoint of the same build (the framework's own ceiling) and
# the peer's (a smaller build: fewer extensions, no routes or filters of Stockroom's), the load
# spread over 32 API keys of the small tenant and its 1,000 products. Per side: requests/s, p50/p99, app CPU
# per request (/proc/<pid>/stat), Redis commands per request (INFO commandstats, which counts the commands
# inside scripts too) and Redis round trips per request (top-level commands, from a short MONITOR sample).
spread_keys=("$SMALL_KEY")
for _ in $(seq 2 32); do spread_keys+=("$(new_key "$SMALL_KEY")"); done
{
    printf 'keys = {'; printf '"%s",' "${spread_keys[@]}"; printf '}\nproducts = {'
    psql -tA -h 127.0.0.1 -U postgres -d $DB -c "SELECT id FROM products WHERE tenant_id = '$SMALL'" | awk '{printf "\"%s\",", $1}'
    printf '}\n'
    cat <<'LUA'
request = function()
    return wrk.format("GET", "/api/v1/products/" .. products[math.random(#products)],
        {["X-API-Key"] = keys[math.random(#keys)]})
end
LUA
} >"$OUT/spread.lua"
latency_ms() { # percentile wrk-output: wrk prints 850.00us, 1.05ms or 1.20s
    awk -v q="$1" '$1 == q {v = $2; if (v ~ /us$/) v = v / 1000; else if (v ~ /ms$/) v = v + 0; else v = v * 1000; printf "%.2f", v}' "$2"
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# name port path: one wrk run of the spread load (path "spread") or of one path; records the figures
declare -A rates cpus rcmds p50s p99s
side() {
    local name=$1 port=$2 path=$3 args=(-t2 -c"$CONNECTIONS" -d"$DURATION" --latency)
    [ "$path" = spread ] && args+=(-s "$OUT/spread.lua") && path=/
    local t0 r0; t0=$(cpu_ticks "${pid_of[$port]}"); r0=$(redis_calls)
    wrk "${args[@]}" "http://localhost:$port$path" >"$OUT/side-$name.txt"
    local t1 r1; t1=$(cpu_ticks "${pid_of[$port]}"); r1=$(redis_calls)
    local n; n=$(awk '/requests in/ {print $1}' "$OUT/side-$name.txt")
    local bad; bad=$(awk '/Non-2xx/ {print $5}' "$OUT/side-$name.txt")
    [ -z "$bad" ] || echo "warning: $name: $bad answers were not 2xx (see $OUT/side-$name.txt)" >&2
    rates[$name]+="$(awk '/Requests\/sec/ {print $2}' "$OUT/side-$name.txt") "
    cpus[$name]+="$(python3 -c "print(f'{($t1 - $t0) * 1e6 / $(getconf CLK_TCK) / $n:.1f}')") "
    rcmds[$name]+="$(python3 -c "print(f'{($r1 - $r0) / $n:.2f}')") "
    p50s[$name]+="$(latency_ms 50% "$OUT/side-$name.txt") "
    p99s[$name]+="$(latency_ms 99% "$OUT/side-$name.txt") "
}
top_level_calls() { # db seconds [command...] -> top-level commands Redis received in that database
    redis-cli monitor >"$OUT/monitor.txt" & local monitor=$!
    sleep 0.5
    local db=$1 seconds=$2; shift 2
    if [ $# -gt 0 ]; then "$@" >"$OUT/monitor-load.txt"; else sleep "$seconds"; fi
    kill $monitor; wait $monitor 2>/dev/null || true
    awk -v db="[$db " 'index($0, db) && !index($0, " lua]") {n++} END {print n + 0}' "$OUT/monitor.txt"
}
round_trips() { # port db -> top-level Redis commands per request, less what the idle instances send meanwhile
    local idle busy n
    idle=$(top_level_calls "$2" 3)
    busy=$(top_level_calls "$2" 3 wrk -t1 -c4 -d3s -s "$OUT/spread.lua" "http://localhost:$1/")
    n=$(awk '/requests in/ {print $1}' "$OUT/monitor-load.txt")
    python3 -c "print(f'{($busy - $idle) / $n:.2f}')"
}
echo "Against the peer: warming up (${PEER_WARMUP:-60s} per side)"
for port in $ON $NONEAR $PEER; do
    wrk -t2 -c"$CONNECTIONS" -d"${PEER_WARMUP:-60s}" -s "$OUT/spread.lua" "http://localhost:$port/" >/dev/null
done
wrk -t2 -c"$CONNECTIONS" -d"${PEER_WARMUP:-60s}" "http://localhost:$BARE/bench/bare" >/dev/null
wrk -t2 -c"$CONNECTIONS" -d"${PEER_WARMUP:-60s}" "http://localhost:$PEER/bare" >/dev/null
for round in 1 2 3; do
    sides=(on nonear peer bare peer-bare); [ $((round % 2)) -eq 0 ] && sides=(peer-bare bare peer nonear on)
    for name in "${sides[@]}"; do
        case $name in
            on) side on $ON spread ;;
            nonear) side nonear $NONEAR spread ;;
            peer) side peer $PEER spread ;;
            bare) side bare $BARE /bench/bare ;;
            peer-bare) side peer-bare $PEER /bare ;;
        esac
    done
done
trips_on=$(round_trips $ON $REDIS_DB); trips_nonear=$(round_trips $NONEAR $REDIS_DB); trips_peer=$(round_trips $PEER 4)

# Exactness across two instances: 100 a minute, 300 requests from 20 clients (10 on each instance).
read -r FREE FREE_ADMIN <<<"$(tenant bench-free FREE)"
FREE_PRODUCT=$(curl -sf -X POST localhost:$ON/api/v1/products -H "X-API-Key: $FREE_ADMIN" -H 'Content-Type: application/json' \
    -d '{"sku":"FREE-1","name":"Free","price":1.5,"currency":"EUR","stock":1}' | json "d['id']")
admitted() { # port-a port-b key -> 200 answers of 300
    hey -n 150 -c 10 -H "X-API-Key: $3" "http://localhost:$1/api/v1/products/$FREE_PRODUCT" >"$OUT/exact-$1.txt" &
    hey -n 150 -c 10 -H "X-API-Key: $3" "http://localhost:$2/api/v1/products/$FREE_PRODUCT" >"$OUT/exact-$2.txt"
    wait
    cat "$OUT/exact-$1.txt" "$OUT/exact-$2.txt" | awk '/\[200\]/ {n += $2} END {print n + 0}'
}
allowed() { # port-a port-b -> what 100 a minute admits at most while the probe ran: the burst, plus one
    # request for each 0.6 s that passed (the GCRA's emission interval; Bucket4j's greedy refill alike)
    cat "$OUT/exact-$1.txt" "$OUT/exact-$2.txt" | awk '/Total:/ {if ($2 > t) t = $2} END {print 100 + int(t / 0.6)}'
}
exact_stockroom="$(admitted $PROBE_A $PROBE_B "$(new_key "$FREE_ADMIN")") / $(allowed $PROBE_A $PROBE_B)"
exact_peer="$(admitted $PEER_A $PEER_B "$(new_key "$FREE_ADMIN")") / $(allowed $PEER_A $PEER_B)"

# Noisy neighbour: a PRO tenant (100 a second on the probe instances) sends 10 times that from 64
# connections while the small tenant reads at 200 a second; the small tenant's p99 against its p99 alone,
# each the median of 3 rounds in alternating order.
read -r NOISY NOISY_KEY <<<"$(tenant bench-noisy PRO)"
NOISY_PRODUCT=$(curl -sf -X POST localhost:$ON/api/v1/products -H "X-API-Key: $NOISY_KEY" -H 'Content-Type: application/json' \
    -d '{"sku":"NOISY-1","name":"Noisy","price":1.5,"currency":"EUR","stock":1}' | json "d['id']")
# What used the machine's CPU while the victim ran: every process's user and system time from /proc before
# and after, the busiest named (an instance by the name it was started with).
cpu_census() { # snap FILE | report BEFORE AFTER
    python3 - "$OUT/pids.txt" "$@" <<'PY'
import os, sys, time
names = dict(line.split() for line in open(sys.argv[1]) if line.strip())
def snap():
    ticks = {}
    for pid in filter(str.isdigit, os.listdir('/proc')):
        try:
            fields = open(f'/proc/{pid}/stat').read().rsplit(')', 1)[1].split()
            comm = open(f'/proc/{pid}/comm').read().strip()
        except OSError:
            continue
        ticks[pid] = (names.get(pid, comm), int(fields[11]) + int(fields[12]))
    return time.time(), ticks
if sys.argv[2] == 'snap':
    at, ticks = snap()
    with open(sys.argv[3], 'w') as out:
        out.write(f'{at}\n' + ''.join(f'{pid} {name} {t}\n' for pid, (name, t) in ticks.items()))
else:
    def load(path):
        lines = open(path).read().split('\n')
        return float(lines[0]), {l.split()[0]: (l.split()[1], int(l.split()[2])) for l in lines[1:] if l}
    (a, before), (b, after) = load(sys.argv[3]), load(sys.argv[4])
    hz, seconds, used = os.sysconf('SC_CLK_TCK'), b - a, {}
    for pid, (name, t) in after.items():
        used[name] = used.get(name, 0) + t - before.get(pid, (name, 0))[1]
    busiest = sorted(used.items(), key=lambda item: -item[1])[:6]
    print(', '.join(f'{name} {100 * t / hz / seconds:.0f}%' for name, t in busiest if t > 0))
PY
}
victim() {
    cpu_census snap "$OUT/census-before.txt"
    hey -z "$DURATION" -c 8 -q 25 -H "X-API-Key: $SMALL_KEY" "http://localhost:$PROBE_A/api/v1/products/$PRODUCT_SMALL" >"$OUT/victim-$1.txt"
    cpu_census snap "$OUT/census-after.txt"; cpu_census report "$OUT/census-before.txt" "$OUT/census-after.txt" >"$OUT/census-$1.txt"
    awk '/99% in/ {printf "%.2f", $3 * 1000}' "$OUT/victim-$1.txt"
}
PRODUCT_SMALL=$(psql -tA -h 127.0.0.1 -U postgres -d $DB -c "SELECT id FROM products WHERE tenant_id = '$SMALL' AND sku = 'SKU-42'")
hey -z "${PEER_WARMUP:-60s}" -c 8 -q 25 -H "X-API-Key: $SMALL_KEY" "http://localhost:$PROBE_A/api/v1/products/$PRODUCT_SMALL" >/dev/null   # warm-up
hey -z "${PEER_WARMUP:-60s}" -c 64 -q 16 -H "X-API-Key: $NOISY_KEY" "http://localhost:$PROBE_A/api/v1/products/$NOISY_PRODUCT" >/dev/null
beside_flood() {
    hey -z "$(( ${DURATION%s} + 4 ))s" -c 64 -q 16 -H "X-API-Key: $NOISY_KEY" "http://localhost:$PROBE_A/api/v1/products/$NOISY_PRODUCT" >"$OUT/noisy.txt" &
    local flood=$!; sleep 2
    victim beside-noisy
    wait $flood
}
alone_p99s=(); beside_p99s=()
for round in 1 2 3; do
    if [ $((round % 2)) -eq 1 ]; then
        alone_p99s+=("$(victim alone)"); beside_p99s+=("$(beside_flood)")
    else
        beside_p99s+=("$(beside_flood)"); alone_p99s+=("$(victim alone)")
    fi
done
alone=$(median "${alone_p99s[@]}"); beside=$(median "${beside_p99s[@]}")
noisy_429=$(awk '/\[429\]/ {print $2}' "$OUT/noisy.txt")
noisy_sent=$(awk '/Requests\/sec/ {print $2}' "$OUT/noisy.txt")

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
printf 'raw: cached read, rounds (req/s) with the limiter %s, without it %s\n' "${limited_rates[*]}" "${unlimited_rates[*]}"
printf 'raw: product updates, median of 3 rounds, %s rps with the cache on (%s), %s with it off (%s)\n' \
    "$updates_on" "${on_rates[*]}" "$updates_off" "${off_rates[*]}"

m() { median ${1}; }
printf '\n%-58s %12s %10s\n' "against the peer (median of 3 rounds)" "result" "target"
printf '%-58s %12s %10s\n' "cached read, Stockroom / peer (rps)" "$(ratio "$(m "${rates[on]}")" "$(m "${rates[peer]}")")" ">= 1.5"
printf '%-58s %12s %10s\n' "cached read, Stockroom / bare endpoint (rps)" "$(ratio "$(m "${rates[on]}")" "$(m "${rates[bare]}")")" ">= 0.5"
printf '%-58s %12s %10s\n' "app CPU per request, Stockroom / bare endpoint" "$(ratio "$(m "${cpus[on]}")" "$(m "${cpus[bare]}")")" "<= 2"
printf '%-58s %12s %10s\n' "cached read, Stockroom / the peer's bare endpoint (rps)" "$(ratio "$(m "${rates[on]}")" "$(m "${rates[peer-bare]}")")" "-"
printf '%-58s %12s %10s\n' "app CPU per request, Stockroom / the peer's bare endpoint" "$(ratio "$(m "${cpus[on]}")" "$(m "${cpus[peer-bare]}")")" "-"
printf '%-58s %12s %10s\n' "near cache off, Stockroom / peer (rps)" "$(ratio "$(m "${rates[nonear]}")" "$(m "${rates[peer]}")")" ">= 1.0"
printf '%-58s %12s %10s\n' "100/min, 300 sent to two instances: Stockroom admitted / at most" "$exact_stockroom" "<="
printf '%-58s %12s %10s\n' "100/min, 300 sent to two instances: peer admitted / at most" "$exact_peer" "<="
printf '%-58s %12s %10s\n' "noisy neighbour: victim p99 beside / alone" "$(ratio "$beside" "$alone")" "<= 1.5"
printf '\n%-12s %10s %9s %9s %13s %14s %13s\n' side "req/s" "p50" "p99" "CPU µs/req" "Redis cmd/req" "round trips"
for name in on nonear peer bare peer-bare; do
    trips=-; case $name in on) trips=$trips_on ;; nonear) trips=$trips_nonear ;; peer) trips=$trips_peer ;; esac
    printf '%-12s %10s %9s %9s %13s %14s %13s\n' "$name" "$(m "${rates[$name]}")" "$(m "${p50s[$name]}")" \
        "$(m "${p99s[$name]}")" "$(m "${cpus[$name]}")" "$(m "${rcmds[$name]}")" "$trips"
done
printf 'raw: rounds (req/s) on %s; nonear %s; peer %s; bare %s; peer-bare %s\n' "${rates[on]}" "${rates[nonear]}" \
    "${rates[peer]}" "${rates[bare]}" "${rates[peer-bare]}"
printf 'raw: noisy neighbour sent %s req/s, %s answered 429 (last round); victim p99 ms alone %s, beside it %s\n' \
    "$noisy_sent" "${noisy_429:-0}" "${alone_p99s[*]}" "${beside_p99s[*]}"
printf 'raw: CPU while the victim ran, %% of one core (last round): alone: %s; beside the flood: %s\n' \
    "$(cat "$OUT/census-alone.txt")" "$(cat "$OUT/census-beside-noisy.txt")"
