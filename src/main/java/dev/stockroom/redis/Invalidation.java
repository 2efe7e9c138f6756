package dev.stockroom.redis;

import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A fact that makes data held in memory stale, delivered to every instance as a CDI event: the instance that
 * caused it fires it locally at once, the others receive it over Redis pub/sub. {@code topic} says what
 * changed (for example {@code api-key-revoked}), {@code subject} which thing (a key id, a tag, ...).
 */
@RegisterForReflection
public record Invalidation(String topic, UUID tenantId, String subject, String origin) {

    public static Invalidation of(String topic, UUID tenantId, String subject) {
        return new Invalidation(topic, tenantId, subject, null);
    }

    Invalidation from(String instance) {
        return new Invalidation(topic, tenantId, subject, instance);
    }
}
