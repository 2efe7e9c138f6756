package dev.stockroom.auth;

import static dev.stockroom.support.Api.OPERATOR_TOKEN;
import static dev.stockroom.support.Api.as;
import static dev.stockroom.support.Api.newTenant;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.stockroom.apikey.ApiKeySecrets;
import dev.stockroom.apikey.ApiKeyVerifier;
import dev.stockroom.support.Database;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;

/**
 * Key guessing from one address: past its failure budget, no credential from it is evaluated. The database
 * is asked, not the code: every key lookup scans {@code api_keys} once, which PostgreSQL's statistics count.
 */
@QuarkusTest
@TestProfile(AuthThrottleProfile.class)
class AuthThrottleTest {

    private final SecureRandom random = new SecureRandom();

    @Inject
    RedisDataSource redis;

    @Inject
    ApiKeyVerifier verifier;

    @Test
    void pastItsBudgetAnAddressHasNoCredentialEvaluated() throws Exception {
        // Failures of an earlier run of this test within the window would still count.
        redis.key().keys("{ip:*}:rl:auth-failures*").forEach(key -> redis.key().del(key));
        String known = newTenant("throttle").adminKey();
        as(known).get("/api/v1/products").then().statusCode(200);

        long before = settledKeyLookups();
        for (int i = 0; i < 30; i++) {
            guess().statusCode(401);
        }
        assertTrue(verifier.remembers(known), "30 unknown keys pushed a known one out of a cache of 10");
        guess().statusCode(429).header("Retry-After", notNullValue()).body("type", endsWith("/quota-exceeded"));
        // The counter sees the lookups: one for each of the 31 keys evaluated.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertEquals(before + 31, keyLookups()));

        for (int i = 0; i < 100; i++) {
            guess().statusCode(429);
        }
        // A forwarding header is not trusted without configured proxies: the same address, the same budget.
        given().header("X-Forwarded-For", "203.0.113.7").header("X-API-Key", unknownKey())
                .get("/api/v1/products").then().statusCode(429);
        // The right operator token and a valid key are refused too: the answer never tells a right guess.
        given().auth().oauth2(OPERATOR_TOKEN).get("/admin/tenants").then().statusCode(429);
        as(known).get("/api/v1/products").then().statusCode(429);

        assertEquals(before + 31, settledKeyLookups(), "key lookups for the 100 guesses past the budget");
    }

    private ValidatableResponse guess() {
        return given().header("X-API-Key", unknownKey()).get("/api/v1/products").then();
    }

    private String unknownKey() {
        return ApiKeySecrets.generate(random).key();
    }

    /** The scans of api_keys once every backend has reported its statistics (at most 10 s after its last work). */
    private static long settledKeyLookups() throws Exception {
        Thread.sleep(11_000);
        return keyLookups();
    }

    private static long keyLookups() throws Exception {
        return Database.count("SELECT coalesce(seq_scan, 0) + coalesce(idx_scan, 0) FROM pg_stat_user_tables"
                + " WHERE relname = 'api_keys'");
    }
}
