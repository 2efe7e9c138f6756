package dev.stockroom.ratelimit;

/**
 * The outcome of one policy for one request. Times are in microseconds from the decision: {@code reset}
 * until the policy is whole again, {@code retry} until a rejected request would be admitted, {@code next}
 * until more quota is available (0 when the policy is whole; {@code retry} when rejected).
 * {@code degraded} marks a decision taken without Redis.
 */
public record Decision(EffectivePolicy policy, boolean admitted, long remaining, long resetMicros, long retryMicros,
        long nextMicros, boolean degraded) {

    /** Redis is away and the policy says {@code open}: admitted, uncounted. */
    static Decision open(EffectivePolicy policy) {
        return new Decision(policy, true, policy.limit(), 0, 0, 0, true);
    }

    /** Redis is away and the policy says {@code closed}: the request must be refused with 503. */
    static Decision unavailable(EffectivePolicy policy) {
        return new Decision(policy, false, 0, 0, -1, 0, true);
    }

    boolean unavailable() {
        return retryMicros < 0;
    }
}
