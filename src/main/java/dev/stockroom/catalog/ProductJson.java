package dev.stockroom.catalog;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A product as the API answers it: its JSON, and the version and update time its validators come from. What
 * the product cache holds, so that a hit is a copy of text, not a serialization. Stored in Redis as JSON,
 * hence registered for reflection.
 */
@RegisterForReflection
public record ProductJson(String json, long version, Instant updatedAt) {
}
