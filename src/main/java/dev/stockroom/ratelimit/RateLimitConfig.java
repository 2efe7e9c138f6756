package dev.stockroom.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Rate limiting ({@code stockroom.rate-limit.*}); every value has a default. */
@ConfigMapping(prefix = "stockroom.rate-limit")
public interface RateLimitConfig {

    /** False turns limiting off entirely (no Redis call, no headers), for comparisons. */
    @WithDefault("true")
    boolean enabled();

    /** The policy of endpoints that name none. */
    @WithDefault("api")
    String defaultPolicy();

    /**
     * The policy every request of a tenant is also counted against, whichever key makes it: minting keys
     * cannot multiply a tenant's quota. Scaled by plan only (never by role), decided in the same script call
     * as the request's own policies. Its key scope must be {@code tenant}.
     */
    @WithDefault("tenant")
    String tenantPolicy();

    /** Named policies. */
    Map<String, Policy> policies();

    /** Multipliers by tenant plan ({@code FREE}, {@code PRO}, {@code ENTERPRISE}); 1.0 when absent. */
    Map<String, Multiplier> plans();

    /** Multipliers by API key role ({@code ADMIN}, {@code MEMBER}, {@code READ_ONLY}); 1.0 when absent. */
    Map<String, Multiplier> roles();

    /** How long a decision may wait for Redis before the policy's failure mode applies. */
    @WithDefault("500ms")
    Duration redisTimeout();

    /**
     * How many instances share a limit when Redis is away and a policy falls back to {@code local}: each
     * instance then admits its share, {@code limit / expected-instances} (at least 1).
     */
    @WithDefault("1")
    int expectedInstances();

    /** Units of a busy key set taken from Redis ahead of use ({@link RateLimitLeases}). */
    Leases leases();

    interface Leases {

        /** The most units one lease takes; 1 turns leases off, and every request asks Redis. */
        @WithDefault("1000")
        int maxUnits();

        /** How long a lease's units may be used; the next lease gives back those left. Under 1 ms: no leases. */
        @WithDefault("100ms")
        Duration duration();
    }

    interface Policy {

        /** Requests per window at multiplier 1. */
        int limit();

        /** The window. */
        @WithDefault("1m")
        Duration window();

        /** GCRA: how many requests may arrive at once; defaults to the limit. */
        OptionalInt burst();

        /** {@code gcra} (one value per key, the default) or {@code sliding-log} (exact, for small limits). */
        @WithDefault("gcra")
        Algorithm algorithm();

        /** What is counted: each {@code api-key}, each {@code tenant}, or each client {@code ip}. */
        @WithDefault("api-key")
        KeyScope key();

        /** With Redis away: {@code open} admits, {@code closed} answers 503, {@code local} limits in process. */
        @WithDefault("local")
        FailureMode onRedisFailure();

        /** Evaluate, count and report, but never reject. */
        @WithDefault("false")
        boolean shadow();
    }

    interface Multiplier {

        @WithDefault("1.0")
        double multiplier();
    }

    enum Algorithm {
        GCRA,
        SLIDING_LOG
    }

    enum KeyScope {
        API_KEY,
        TENANT,
        IP
    }

    enum FailureMode {
        OPEN,
        CLOSED,
        LOCAL
    }
}
