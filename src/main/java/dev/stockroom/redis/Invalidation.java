package dev.stockroom.redis;

import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A fact that makes data held in memory stale, delivered to every instance as a CDI event: the instance that
 * caused it fires it locally at once, the others receive it over Redis pub/sub or, if their subscription
 * missed it, from the bus log. {@code topic} says what changed (for example {@code api-key-revoked}),
 * {@code subject} which thing (a key id, a tag, ...); {@code origin} and {@code sequence} (the publishing
 * instance and its count) make each message unique, so that one delivered twice is applied once.
 */
@RegisterForReflection
public record Invalidation(String topic, UUID tenantId, String subject, String origin, long sequence) {

    public static Invalidation of(String topic, UUID tenantId, String subject) {
        return new Invalidation(topic, tenantId, subject, null, 0);
    }

    Invalidation from(String instance, long number) {
        return new Invalidation(topic, tenantId, subject, instance, number);
    }

    String id() {
        return origin + "/" + sequence;
    }
}
