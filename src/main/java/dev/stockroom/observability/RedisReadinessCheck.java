package dev.stockroom.observability;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.stockroom.redis.InvalidationBus;
import dev.stockroom.redis.RedisConfig;
import dev.stockroom.redis.RedisCalls;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;

/**
 * Reports Redis on {@code /q/health/ready}. Stockroom serves without Redis (caches fall through, the rate
 * limiter applies its failure modes), so Redis being down makes the service unready only when
 * {@code stockroom.redis.required=true}.
 */
@Readiness
@ApplicationScoped
public class RedisReadinessCheck implements HealthCheck {

    private final ReactiveRedisDataSource redis;
    private final InvalidationBus bus;
    private final RedisConfig config;
    private final RedisCalls redisCalls;

    RedisReadinessCheck(ReactiveRedisDataSource redis, InvalidationBus bus, RedisConfig config, RedisCalls redisCalls) {
        this.redis = redis;
        this.bus = bus;
        this.config = config;
        this.redisCalls = redisCalls;
    }

    @Override
    public HealthCheckResponse call() {
        boolean reachable = ping();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Redis")
                .withData("reachable", reachable)
                .withData("required", config.required())
                .withData("invalidationBus", bus.connected() ? "connected" : "disconnected");
        return response.status(reachable || !config.required()).build();
    }

    private boolean ping() {
        try {
            redisCalls.await(config.commandTimeout(), redis.execute("PING"));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
