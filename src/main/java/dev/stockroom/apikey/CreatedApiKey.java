package dev.stockroom.apikey;

import java.time.Instant;
import java.util.UUID;

/** A key just created: the only response that ever contains {@code key}. */
public record CreatedApiKey(UUID id, String key, String prefix, String name, ApiKeyRole role, Instant expiresAt) {
}
