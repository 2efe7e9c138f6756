package dev.stockroom.ratelimit;

import java.time.Duration;

import dev.stockroom.ratelimit.RateLimitConfig.Algorithm;
import dev.stockroom.ratelimit.RateLimitConfig.FailureMode;
import dev.stockroom.ratelimit.RateLimitConfig.KeyScope;

/** A policy as it applies to one caller: its limit and burst already scaled by plan and role. */
public record EffectivePolicy(String name, Algorithm algorithm, int limit, Duration window, int burst, KeyScope key,
        FailureMode onRedisFailure, boolean shadow) {

    long windowMicros() {
        return window.toNanos() / 1_000;
    }

    String algorithmName() {
        return algorithm == Algorithm.GCRA ? "gcra" : "sliding-log";
    }
}
