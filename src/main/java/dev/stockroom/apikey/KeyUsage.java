package dev.stockroom.apikey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Remembers when each key was last used and writes it in batches, so that authenticating a request never
 * writes to the database. {@code last_used_at} is therefore at most one flush interval old.
 */
@ApplicationScoped
public class KeyUsage {

    private final AgroalDataSource dataSource;
    private final Map<UUID, Instant> pending = new ConcurrentHashMap<>();

    KeyUsage(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    void record(UUID keyId) {
        pending.put(keyId, Instant.now());
    }

    @Scheduled(every = "${stockroom.api-keys.last-used-flush-interval}",
            delayed = "${stockroom.api-keys.last-used-flush-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Map<UUID, Instant> batch = new HashMap<>();
        pending.keySet().forEach(id -> {
            Instant used = pending.remove(id);
            if (used != null) {
                batch.put(id, used);
            }
        });
        // Plain JDBC: one batch updates the keys of every tenant in one round trip (an HQL update is one
        // statement per key); greatest() keeps an older time (another instance's, a retried batch) from moving
        // last_used_at back. The scheduler runs with no tenant, so the connection is platform work.
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE api_keys SET last_used_at = greatest(last_used_at, ?) WHERE id = ?")) {
            for (Map.Entry<UUID, Instant> use : batch.entrySet()) {
                update.setTimestamp(1, Timestamp.from(use.getValue()));
                update.setObject(2, use.getKey());
                update.addBatch();
            }
            update.executeBatch();
        } catch (SQLException e) {
            Log.warnf("Could not record when %d API keys were last used: %s", batch.size(), e.getMessage());
            batch.forEach(pending::putIfAbsent);
        }
    }
}
