package dev.stockroom.ratelimit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;

/**
 * Behind a trusted proxy (this test's own address, 127.0.0.1, configured as one), the client address comes
 * from {@code X-Forwarded-For}: each client has its own failure budget, and IPv6 clients share the budget of
 * their /64. Without the configuration the header changes nothing ({@code AuthThrottleTest}).
 */
@QuarkusTest
@TestProfile(TrustedProxyTest.BehindAProxy.class)
class TrustedProxyTest {

    public static class BehindAProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.trusted-proxies", "127.0.0.1",
                    "stockroom.rate-limit.policies.auth-failures.limit", "3");
        }
    }

    private static final String BAD_KEY = "sr_AAAAAAAAAA_" + "B".repeat(43);

    @Inject
    RedisDataSource redis;

    @Inject
    AuthFailureThrottle throttle;

    @BeforeEach
    void forgetFailures() {
        redis.key().keys("{ip:*}:rl:auth-failures*").forEach(key -> redis.key().del(key));
        throttle.forgetRefusals();
    }

    @Test
    void eachForwardedClientHasItsOwnBudget() {
        for (int i = 0; i < 3; i++) {
            fail("203.0.113.7").statusCode(401);
        }
        fail("203.0.113.7").statusCode(429).body("policy", equalTo("auth-failures"));
        fail("203.0.113.8").statusCode(401);
    }

    @Test
    void ipv6ClientsShareTheBudgetOfTheirSlash64() {
        for (int i = 1; i <= 3; i++) {
            fail("2001:db8:1:2::" + i).statusCode(401);
        }
        fail("2001:db8:1:2:ffff::9").statusCode(429);
        fail("2001:db8:1:3::1").statusCode(401);
    }

    private static ValidatableResponse fail(String client) {
        return given().header("X-Forwarded-For", client).header("X-API-Key", BAD_KEY).get("/api/v1/products").then();
    }
}
