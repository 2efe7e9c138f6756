package dev.stockroom.cache;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.arc.Arc;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * Commands Redis has executed, from INFO commandstats (the measuring clients' own INFO, CLUSTER, COMMAND and HELLO calls
 * excluded, and SELECT, which any client's pool sends once when it opens a connection). Commands run
 * inside a script are counted too, under their own names, besides the EVALSHA that ran them.
 */
public final class RedisCommands {

    private RedisCommands() {
    }

    /** Summed over every node when Redis is a cluster. */
    public static Map<String, Long> byCommand(RedisDataSource redis) {
        return allCommands(redis);
    }

    /**
     * Takes out the invalidation bus's own traffic, which runs whatever the request under test: each publish
     * (bus-publish.lua: EVALSHA, TIME, ZADD, ZREMRANGEBYSCORE, PEXPIRE, PUBLISH) and each read of its log
     * (bus-read.lua: EVALSHA, TIME, GET of the data epoch, ZRANGEBYSCORE). Only the bus runs PUBLISH and ZRANGEBYSCORE, so their
     * counts say how many of the others to take out. For counts since a server started, or between two
     * readings ({@link #since} applies it).
     */
    public static Map<String, Long> withoutBus(Map<String, Long> calls) {
        long publishes = calls.getOrDefault("publish", 0L);
        long reads = calls.getOrDefault("zrangebyscore", 0L);
        Map<String, Long> rest = new HashMap<>(calls);
        rest.remove("publish");
        rest.remove("zrangebyscore");
        rest.computeIfPresent("evalsha", (name, count) -> count - publishes - reads);
        rest.computeIfPresent("time", (name, count) -> count - publishes - reads);
        rest.computeIfPresent("get", (name, count) -> count - reads);
        for (String command : List.of("zadd", "zremrangebyscore", "pexpire")) {
            rest.computeIfPresent(command, (name, count) -> count - publishes);
        }
        rest.values().removeIf(count -> count <= 0);
        return rest;
    }

    private static Map<String, Long> allCommands(RedisDataSource redis) {
        Map<String, Long> calls = new HashMap<>();
        for (String info : onEveryNode(redis, "INFO", "commandstats")) {
            add(calls, info);
        }
        return calls;
    }

    /** Sends one command to every node, or to the one server when Redis is not a cluster; their answers. */
    public static List<String> onEveryNode(RedisDataSource redis, String command, String... args) {
        if (!redis.execute("INFO", "cluster").toString().contains("cluster_enabled:1")) {
            return List.of(redis.execute(command, args).toString());
        }
        Vertx vertx = Arc.container().instance(Vertx.class).get();
        List<String> answers = new ArrayList<>();
        for (String node : redis.execute("CLUSTER", "NODES").toString().split("\r?\n")) {
            String address = node.split(" ")[1];
            Redis client = Redis.createClient(vertx, "redis://" + address.substring(0, address.indexOf('@')));
            try {
                Request request = Request.cmd(Command.create(command));
                for (String arg : args) {
                    request.arg(arg);
                }
                answers.add(client.sendAndAwait(request).toString());
            } finally {
                client.close();
            }
        }
        return answers;
    }

    private static void add(Map<String, Long> calls, String info) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("cmdstat_") && !line.startsWith("cmdstat_info:") && !line.startsWith("cmdstat_cluster")
                    && !line.startsWith("cmdstat_command") && !line.startsWith("cmdstat_hello:")
                    && !line.startsWith("cmdstat_select:")) {
                String name = line.substring("cmdstat_".length(), line.indexOf(':'));
                String count = line.substring(line.indexOf("calls=") + 6);
                calls.merge(name, Long.parseLong(count.substring(0, count.indexOf(','))), Long::sum);
            }
        }
    }

    /** What ran between two readings ({@link #byCommand}), by command, without the bus's own traffic. */
    public static Map<String, Long> since(Map<String, Long> before, RedisDataSource redis) {
        Map<String, Long> delta = new HashMap<>();
        byCommand(redis).forEach((name, calls) -> {
            long ran = calls - before.getOrDefault(name, 0L);
            if (ran > 0) {
                delta.put(name, ran);
            }
        });
        return withoutBus(delta);
    }
}
