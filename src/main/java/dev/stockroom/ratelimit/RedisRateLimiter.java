package dev.stockroom.ratelimit;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

import dev.stockroom.redis.LuaScript;
import dev.stockroom.redis.RedisBreaker;
import dev.stockroom.redis.RedisCalls;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * Decides in Redis with one {@code EVALSHA} of {@code redis/ratelimit.lua} for all policies of a request that
 * share a hash tag. A short timeout bounds every call; the circuit breaker stops calling a Redis that keeps
 * failing, so that requests meet the failure mode at once instead of after a timeout each.
 */
@ApplicationScoped
public class RedisRateLimiter {

    private static final LuaScript SCRIPT = LuaScript.load("ratelimit.lua");

    private final ReactiveRedisDataSource redis;
    private final RateLimitConfig config;
    private final RedisCalls redisCalls;

    RedisRateLimiter(ReactiveRedisDataSource redis, RateLimitConfig config, RedisCalls redisCalls) {
        this.redis = redis;
        this.config = config;
        this.redisCalls = redisCalls;
    }

    /**
     * The decisions of one call, the units each admitting policy counted ({@code cost} times that), and the
     * Redis time of the decision (µs; 0 when Redis did not decide).
     */
    public record Granted(List<Decision> decisions, int units, long redisMicros) {
    }

    /**
     * Unused units of a lease, given back: {@code leftAt} holds the TAT the lease left each policy at (µs,
     * Redis time), so that the script counts off only what is still ahead of its clock.
     */
    public record GiveBack(int units, long[] leftAt) {

        static final GiveBack NONE = new GiveBack(0, new long[0]);
    }

    /**
     * {@code cost} 0 only looks: nothing is counted. {@code wanted} above 1 asks for a lease of up to that many
     * units, giving back what the previous one did not use ({@link RateLimitLeases}); 1 and
     * {@link GiveBack#NONE} decide one request. Does not block: called on the event loop, the script is sent
     * from there and the decision comes back there ({@link RedisCalls#nonBlocking}).
     */
    @CircuitBreaker(requestVolumeThreshold = RedisBreaker.REQUEST_VOLUME, failureRatio = RedisBreaker.FAILURE_RATIO,
            delay = RedisBreaker.DELAY_MILLIS, successThreshold = RedisBreaker.SUCCESSES)
    public Uni<Granted> decide(List<EffectivePolicy> policies, List<String> keys, int cost, int wanted,
            GiveBack giveBack) {
        List<String> args = new ArrayList<>(3 + policies.size() * 6);
        args.add(Integer.toString(policies.size()));
        for (EffectivePolicy policy : policies) {
            args.add(policy.algorithmName());
            args.add(Integer.toString(policy.limit()));
            args.add(Long.toString(policy.windowMicros()));
            args.add(Integer.toString(policy.burst()));
            args.add(Integer.toString(cost));
        }
        if (wanted > 1 || giveBack.units() > 0) {
            args.add(Integer.toString(wanted));
            args.add(Integer.toString(giveBack.units()));
            for (long tat : giveBack.leftAt()) {
                args.add(Long.toString(tat));
            }
        }
        int granted = policies.size() * 5;
        return redisCalls.nonBlocking(config.redisTimeout(), SCRIPT.run(redis, keys, args))
                .map(response -> new Granted(decisions(policies, response), response.get(granted).toInteger(),
                        response.get(granted + 1).toLong()));
    }

    private static List<Decision> decisions(List<EffectivePolicy> policies, Response response) {
        List<Decision> decisions = new ArrayList<>(policies.size());
        for (int i = 0; i < policies.size(); i++) {
            int at = i * 5;
            decisions.add(new Decision(policies.get(i), response.get(at).toInteger() == 1, response.get(at + 1).toLong(),
                    response.get(at + 2).toLong(), response.get(at + 3).toLong(), response.get(at + 4).toLong(), false));
        }
        return decisions;
    }
}
