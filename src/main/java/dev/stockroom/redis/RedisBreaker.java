package dev.stockroom.redis;

/**
 * The circuit breaker of every Redis call of a request (limiter decisions, cache reads, stores and leases), as
 * constants because annotation values must be: after 10 failures among 20 calls it opens for 5 s, so that
 * requests meet their fallback at once instead of after a timeout each; two successes close it again.
 */
public final class RedisBreaker {

    public static final int REQUEST_VOLUME = 20;
    public static final double FAILURE_RATIO = 0.5;
    public static final long DELAY_MILLIS = 5_000;
    public static final int SUCCESSES = 2;

    private RedisBreaker() {
    }
}
