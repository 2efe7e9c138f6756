package dev.stockroom.idempotency;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Idempotency keys ({@code stockroom.idempotency.*}). */
@ConfigMapping(prefix = "stockroom.idempotency")
public interface IdempotencyConfig {

    /** How long a stored response is replayed; after it, the key may be used afresh. */
    @WithDefault("24h")
    Duration retention();

    /** How often stored responses older than the retention are deleted (on every instance; cheap). */
    @WithDefault("1h")
    Duration purgeInterval();
}
