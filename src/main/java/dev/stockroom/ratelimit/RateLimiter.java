package dev.stockroom.ratelimit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.stockroom.ratelimit.RateLimitConfig.FailureMode;
import dev.stockroom.ratelimit.RedisRateLimiter.GiveBack;
import dev.stockroom.ratelimit.RedisRateLimiter.Granted;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import dev.stockroom.redis.RedisKeys;

/**
 * Decides whether a request may proceed under its policies: in Redis when it answers, otherwise by each
 * policy's failure mode. Counts every decision in {@code ratelimit_decisions_total{policy,outcome}}.
 */
@ApplicationScoped
public class RateLimiter {

    private final RedisRateLimiter redis;
    private final LocalRateLimiter local;
    private final MeterRegistry metrics;
    private final Timer redisLatency;
    /** Policy → outcome → counter: looked up on every request, so without building a key. */
    private final Map<String, Map<String, Counter>> decisionCounters = new ConcurrentHashMap<>();

    RateLimiter(RedisRateLimiter redis, LocalRateLimiter local, MeterRegistry metrics) {
        this.redis = redis;
        this.local = local;
        this.metrics = metrics;
        this.redisLatency = Timer.builder("ratelimit.redis").description("Time of one limiter script call")
                .publishPercentiles(0.5, 0.99).register(metrics);
    }

    /** One decision per policy, in order; {@code keys} are the Redis keys of the policies. Does not block. */
    public Uni<List<Decision>> decide(List<EffectivePolicy> policies, List<String> keys, int cost) {
        List<Uni<List<Decision>>> groups = new ArrayList<>();
        for (List<Integer> group : bySlot(keys).values()) {
            groups.add(decideInOneSlot(group.stream().map(policies::get).toList(), group.stream().map(keys::get).toList(),
                    cost));
        }
        Uni<List<Decision>> all = groups.isEmpty() ? Uni.createFrom().item(List.of()) : groups.size() == 1 ? groups.get(0)
                : Uni.join().all(groups).andFailFast().map(lists -> lists.stream().flatMap(List::stream).toList());
        return all.invoke(decisions -> {
            if (cost > 0) {
                decisions.forEach(this::count);
            }
        });
    }

    /**
     * One request's decisions, with a lease of up to {@code wanted} units for it and the next ones, giving back
     * the unused units of the last lease ({@link RateLimitLeases}). The policies share one hash
     * tag. Without Redis, the failure modes decide the request alone. Does not block.
     */
    Uni<Granted> lease(List<EffectivePolicy> policies, List<String> keys, int wanted, GiveBack giveBack) {
        return inOneSlot(policies, keys, 1, wanted, giveBack).invoke(granted -> granted.decisions().forEach(this::count));
    }

    private Uni<List<Decision>> decideInOneSlot(List<EffectivePolicy> policies, List<String> keys, int cost) {
        return inOneSlot(policies, keys, cost, 1, GiveBack.NONE).map(Granted::decisions);
    }

    private Uni<Granted> inOneSlot(List<EffectivePolicy> policies, List<String> keys, int cost, int wanted,
            GiveBack giveBack) {
        Timer.Sample sample = Timer.start(metrics);
        return redis.decide(policies, keys, cost, wanted, giveBack).invoke(() -> sample.stop(redisLatency))
                .onFailure().recoverWithItem(failure -> {
                    Log.debugf("Rate limiter without Redis: %s", failure.toString());
                    return new Granted(degraded(policies, keys, cost), 1, 0);
                });
    }

    private List<Decision> degraded(List<EffectivePolicy> policies, List<String> keys, int cost) {
        List<Decision> decisions = new ArrayList<>(policies.size());
        List<EffectivePolicy> localPolicies = new ArrayList<>();
        List<String> localKeys = new ArrayList<>();
        for (int i = 0; i < policies.size(); i++) {
            if (policies.get(i).onRedisFailure() == FailureMode.LOCAL) {
                localPolicies.add(policies.get(i));
                localKeys.add(keys.get(i));
            }
        }
        List<Decision> localDecisions = localPolicies.isEmpty() ? List.of() : local.decide(localPolicies, localKeys, cost);
        int next = 0;
        for (EffectivePolicy policy : policies) {
            decisions.add(switch (policy.onRedisFailure()) {
                case OPEN -> Decision.open(policy);
                case CLOSED -> Decision.unavailable(policy);
                case LOCAL -> localDecisions.get(next++);
            });
        }
        return decisions;
    }

    void count(Decision decision) {
        String outcome = decision.unavailable() ? "unavailable" : !decision.admitted() ? (decision.policy().shadow() ? "shadow-rejected" : "rejected")
                : decision.degraded() ? "degraded" : "allowed";
        String policy = decision.policy().name();
        decisionCounters.computeIfAbsent(policy, p -> new ConcurrentHashMap<>()).computeIfAbsent(outcome, o -> Counter.builder("ratelimit.decisions")
                .description("Rate limit decisions by policy and outcome").tag("policy", policy).tag("outcome", outcome)
                .register(metrics)).increment();
    }

    private static Map<String, List<Integer>> bySlot(List<String> keys) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            groups.computeIfAbsent(RedisKeys.hashTag(keys.get(i)), tag -> new ArrayList<>()).add(i);
        }
        return groups;
    }
}
