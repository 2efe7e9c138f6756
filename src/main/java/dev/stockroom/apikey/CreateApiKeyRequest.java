package dev.stockroom.apikey;

import java.time.Instant;

import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /api/v1/api-keys}: a name to recognise the key by, its role, and an optional expiry. */
public record CreateApiKeyRequest(
        @NotBlank @Size(max = 100) String name,
        @NotNull ApiKeyRole role,
        @Future Instant expiresAt) {
}
