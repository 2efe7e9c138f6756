package dev.stockroom.cache;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Makes cache invalidations durable with the writes that cause them. Each is recorded in the write's own
 * transaction ({@code cache_invalidations}), relayed after commit by the committing instance, and deleted
 * once Redis has it (in batches, off the request path). A row still present after
 * {@code stockroom.cache.outbox.relay-after} belongs to an instance that died or could not reach Redis: any
 * live instance relays it then, under {@code FOR UPDATE SKIP LOCKED} so that instances share the work. Relaying
 * twice is harmless: a second bump only purges again.
 */
@ApplicationScoped
class InvalidationOutbox {

    private final EntityManager entities;
    private final AgroalDataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;
    private final InvalidationRelay relay;
    private final CacheConfig config;
    private final Queue<UUID> relayed = new ConcurrentLinkedQueue<>();

    InvalidationOutbox(EntityManager entities, AgroalDataSource dataSource, TransactionSynchronizationRegistry transactions,
            InvalidationRelay relay, CacheConfig config) {
        this.entities = entities;
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.relay = relay;
        this.config = config;
    }

    /** Within a transaction, records the invalidation in it and returns its id; outside one, null. */
    UUID record(UUID tenantId, List<InvalidationScope> scopes) {
        if (transactions.getTransactionKey() == null) {
            return null;
        }
        UUID id = UUID.randomUUID();
        entities.createNativeQuery("insert into cache_invalidations (id, tenant_id, scopes) values (:id, :tenant, :scopes)")
                .setParameter("id", id).setParameter("tenant", tenantId).setParameter("scopes", encode(scopes))
                .executeUpdate();
        return id;
    }

    /** Relays a committed invalidation; once Redis has it, its row is deleted with the next batch. */
    void relay(UUID id, UUID tenantId, List<InvalidationScope> scopes) {
        if (relay.send(tenantId, scopes) && id != null) {
            relayed.add(id);
        }
    }

    @Scheduled(every = "${stockroom.cache.outbox.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        // Plain JDBC on a connection of its own: platform work (no tenant), and none of the application's
        // Hibernate statistics, which tests read to count the statements of a request.
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            deleteRelayed(connection);
            relayLeftovers(connection);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            Log.debugf("Cache invalidation outbox not swept: %s", e.toString());
        }
    }

    private void deleteRelayed(Connection connection) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        for (UUID id = relayed.poll(); id != null; id = ids.size() < 1_000 ? relayed.poll() : null) {
            ids.add(id);
        }
        delete(connection, ids);
    }

    private void relayLeftovers(Connection connection) throws SQLException {
        List<UUID> done = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                select id, tenant_id, scopes from cache_invalidations where created_at < ?
                order by created_at limit 500 for update skip locked""")) {
            query.setTimestamp(1, Timestamp.from(Instant.now().minus(config.outbox().relayAfter())));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    if (relay.send(rows.getObject(2, UUID.class), decode(rows.getString(3)))) {
                        done.add(rows.getObject(1, UUID.class));
                    }
                }
            }
        }
        delete(connection, done);
        if (!done.isEmpty()) {
            Log.infof("Relayed %d cache invalidations left by earlier writes", done.size());
        }
    }

    private static void delete(Connection connection, List<UUID> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement("delete from cache_invalidations where id = any(?)")) {
            delete.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            delete.executeUpdate();
        }
    }

    private static String encode(List<InvalidationScope> scopes) {
        return String.join("\n", scopes.stream().map(InvalidationScope::encoded).toList());
    }

    private static List<InvalidationScope> decode(String scopes) {
        return scopes.lines().map(InvalidationScope::decode).toList();
    }
}
