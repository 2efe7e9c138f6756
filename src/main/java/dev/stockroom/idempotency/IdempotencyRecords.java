package dev.stockroom.idempotency;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.scheduler.Scheduled;

/**
 * Stored responses in {@code idempotency_keys}, one per tenant and key, under row-level security like every
 * tenant table. Every method but {@link #purge()} runs in the caller's transaction.
 */
@ApplicationScoped
class IdempotencyRecords {

    private static final TypeReference<Map<String, List<String>>> HEADERS = new TypeReference<>() {
    };

    private final EntityManager entities;
    private final ObjectMapper json;
    private final IdempotencyConfig config;

    IdempotencyRecords(EntityManager entities, ObjectMapper json, IdempotencyConfig config) {
        this.entities = entities;
        this.json = json;
        this.config = config;
    }

    /**
     * Takes the key for the rest of the transaction; false when another transaction holds it, i.e. a request
     * with this key is in flight. A transaction-scoped advisory lock: released by commit, rollback, or the
     * death of the connection, so a crashed request never leaves its key taken.
     */
    boolean tryLock(UUID tenant, IdempotencyKey key) {
        return (Boolean) entities.createNativeQuery("select pg_try_advisory_xact_lock(hashtextextended(:lock, 0))")
                .setParameter("lock", "idempotency:" + tenant + ":" + key.value()).getSingleResult();
    }

    /** The response stored for the key within the retention, if any. */
    Optional<StoredResponse> find(UUID tenant, IdempotencyKey key) {
        List<?> rows = entities.createNativeQuery("""
                select fingerprint, status, headers, body from idempotency_keys
                where tenant_id = :tenant and key = :key and created_at > :since""")
                .setParameter("tenant", tenant).setParameter("key", key.value())
                .setParameter("since", Instant.now().minus(config.retention())).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        try {
            return Optional.of(new StoredResponse((String) row[0], ((Number) row[1]).intValue(),
                    json.readValue((String) row[2], HEADERS), (String) row[3]));
        } catch (JsonProcessingException unreadable) {
            throw new IllegalStateException("Unreadable headers stored for an idempotency key", unreadable);
        }
    }

    /** Stores the response, replacing an expired one of the same key. */
    void save(UUID tenant, IdempotencyKey key, StoredResponse response) throws JsonProcessingException {
        entities.createNativeQuery("""
                insert into idempotency_keys (tenant_id, key, fingerprint, status, headers, body)
                values (:tenant, :key, :fingerprint, :status, :headers, :body)
                on conflict (tenant_id, key) do update set fingerprint = excluded.fingerprint,
                    status = excluded.status, headers = excluded.headers, body = excluded.body, created_at = now()""")
                .setParameter("tenant", tenant).setParameter("key", key.value())
                .setParameter("fingerprint", response.fingerprint()).setParameter("status", response.status())
                .setParameter("headers", json.writeValueAsString(response.headers()))
                .setParameter("body", response.body()).executeUpdate();
    }

    /** Deletes responses past the retention. Runs with no tenant, so as platform work. */
    @Scheduled(every = "${stockroom.idempotency.purge-interval}", delayed = "${stockroom.idempotency.purge-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void purge() {
        entities.createNativeQuery("delete from idempotency_keys where created_at <= :cutoff")
                .setParameter("cutoff", Instant.now().minus(config.retention())).executeUpdate();
    }
}
