package dev.stockroom.apikey;

import java.time.Instant;
import java.util.UUID;

/** A key as listings show it: its prefix, never the key. */
public record ApiKeyView(UUID id, String name, String prefix, ApiKeyRole role, Instant createdAt, Instant expiresAt,
        Instant revokedAt, Instant lastUsedAt) {

    static ApiKeyView of(ApiKey key) {
        return new ApiKeyView(key.id, key.name, key.prefix, key.role, key.createdAt, key.expiresAt, key.revokedAt,
                key.lastUsedAt);
    }
}
