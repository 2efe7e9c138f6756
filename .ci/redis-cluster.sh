#!/usr/bin/env bash
# Starts (or reuses) a three-master Redis Cluster on 127.0.0.1:7001-7003, for the cluster test run.
set -euo pipefail
dir=${REDIS_CLUSTER_DIR:-/tmp/stockroom-redis-cluster}
for port in 7001 7002 7003; do
    if ! redis-cli -p $port ping >/dev/null 2>&1; then
        mkdir -p "$dir/$port"
        rm -f "$dir/$port/nodes.conf"
        redis-server --port $port --bind 127.0.0.1 --cluster-enabled yes --cluster-config-file "$dir/$port/nodes.conf" \
            --dir "$dir/$port" --save "" --appendonly no --daemonize yes --logfile "$dir/$port/redis.log"
    fi
done
for port in 7001 7002 7003; do
    for _ in $(seq 1 30); do redis-cli -p $port ping >/dev/null 2>&1 && break; sleep 0.2; done
done
if ! redis-cli -p 7001 cluster info | grep -q 'cluster_state:ok'; then
    redis-cli --cluster create 127.0.0.1:7001 127.0.0.1:7002 127.0.0.1:7003 --cluster-yes >/dev/null
    for _ in $(seq 1 50); do redis-cli -p 7001 cluster info | grep -q 'cluster_state:ok' && break; sleep 0.2; done
fi
redis-cli -p 7001 cluster info | grep cluster_state
