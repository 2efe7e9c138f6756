package dev.stockroom.cache;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.redis.datasource.RedisDataSource;

/**
 * Commands Redis has executed, from INFO commandstats (the INFO calls themselves excluded). Commands run
 * inside a script are counted too, under their own names, besides the EVALSHA that ran them.
 */
final class RedisCommands {

    private RedisCommands() {
    }

    static Map<String, Long> byCommand(RedisDataSource redis) {
        Map<String, Long> calls = new HashMap<>();
        for (String line : redis.execute("INFO", "commandstats").toString().split("\r?\n")) {
            if (line.startsWith("cmdstat_") && !line.startsWith("cmdstat_info:")) {
                String name = line.substring("cmdstat_".length(), line.indexOf(':'));
                String count = line.substring(line.indexOf("calls=") + 6);
                calls.put(name, Long.parseLong(count.substring(0, count.indexOf(','))));
            }
        }
        return calls;
    }

    static long executed(RedisDataSource redis) {
        return byCommand(redis).values().stream().mapToLong(Long::longValue).sum();
    }

    /** What ran between two readings, by command. */
    static Map<String, Long> since(Map<String, Long> before, RedisDataSource redis) {
        Map<String, Long> delta = new HashMap<>();
        byCommand(redis).forEach((name, calls) -> {
            long ran = calls - before.getOrDefault(name, 0L);
            if (ran > 0) {
                delta.put(name, ran);
            }
        });
        return delta;
    }
}
