package dev.stockroom.apikey;

import static dev.stockroom.support.Api.as;
import static dev.stockroom.support.Api.newKey;
import static dev.stockroom.support.Api.newTenant;
import static dev.stockroom.support.Api.operator;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.stockroom.support.Api.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * A key lookup that read the database before its tenant was suspended, and finishes after the suspension
 * reached this instance, must not leave the key remembered as active: the next request is refused at once,
 * not after the key cache's TTL. The lookup is held by a test hook between its query and its return.
 */
@QuarkusTest
class KeyCacheRaceTest {

    @Inject
    ApiKeyVerifier verifier;

    @AfterEach
    void release() {
        verifier.holdLookups(null);
    }

    @Test
    void aSuspensionDuringAKeyLookupIsNotForgotten() throws Exception {
        TestTenant tenant = newTenant("key-race");
        String key = newKey(tenant, "MEMBER"); // created, never looked up yet

        ApiKeyVerifier.LookupHold hold = new ApiKeyVerifier.LookupHold(new CountDownLatch(1), new CountDownLatch(1));
        verifier.holdLookups(hold);
        CompletableFuture<Response> inFlight = CompletableFuture.supplyAsync(() -> as(key).get("/api/v1/products"));
        // The lookup has read the key (tenant active) and waits; now the operator suspends the tenant.
        assertTrue(hold.reached().await(10, TimeUnit.SECONDS), "the lookup is held");
        verifier.holdLookups(null);
        operator().body(Map.of("status", "SUSPENDED")).patch("/admin/tenants/" + tenant.id()).then().statusCode(200);
        hold.release().countDown();
        inFlight.get(10, TimeUnit.SECONDS); // began before the suspension: either answer is fair

        as(key).get("/api/v1/products").then().statusCode(403).body("type", endsWith("/tenant-suspended"));
    }
}
