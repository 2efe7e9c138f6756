package dev.stockroom.apikey;

import static dev.stockroom.support.Api.invalidAs;
import static dev.stockroom.support.Api.as;
import static dev.stockroom.support.Api.newKey;
import static dev.stockroom.support.Api.newTenant;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stockroom.redis.Invalidation;
import dev.stockroom.redis.InvalidationBus;
import dev.stockroom.redis.RedisConfig;
import dev.stockroom.support.Api;
import dev.stockroom.support.Api.TestTenant;
import io.agroal.api.AgroalDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class ApiKeyResourceTest {

    @Inject
    RedisDataSource redis;

    @Inject
    RedisConfig redisConfig;

    @Inject
    ObjectMapper json;

    @Test
    void keyIsShownOnceAndListedByPrefixOnly() {
        TestTenant tenant = newTenant("keys");
        var created = as(tenant.adminKey())
                .body(Map.of("name", "ci", "role", "MEMBER"))
                .post("/api/v1/api-keys")
                .then().statusCode(201)
                .extract();
        String key = created.path("key");
        String id = created.path("id");
        assertTrue(created.header("Location").endsWith("/api/v1/api-keys/" + id));

        as(tenant.adminKey()).get("/api/v1/api-keys").then().statusCode(200)
                .body("", hasSize(2))
                .body("find { it.id == '" + id + "' }.prefix", equalTo(key.substring(0, 13)))
                .body("find { it.id == '" + id + "' }.role", equalTo("MEMBER"))
                .body("key", everyItem(equalTo(null)));
        String listing = as(tenant.adminKey()).get("/api/v1/api-keys").asString();
        assertFalse(listing.contains(key.substring(14)), "the secret is never listed");
    }

    @Test
    void activeKeysAreCappedByPlanEvenWhenCreatedConcurrently() throws Exception {
        // FREE allows 10 active keys; the tenant starts with its first ADMIN key.
        TestTenant tenant = newTenant("cap", "FREE");
        ExecutorService clients = Executors.newFixedThreadPool(15);
        List<Callable<Response>> creations = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            creations.add(() -> as(tenant.adminKey()).body(Map.of("name", "minted", "role", "MEMBER"))
                    .post("/api/v1/api-keys"));
        }
        List<Response> answers = new ArrayList<>();
        for (Future<Response> answer : clients.invokeAll(creations)) {
            answers.add(answer.get());
        }
        clients.shutdown();
        assertEquals(9, answers.stream().filter(r -> r.statusCode() == 201).count());
        Response refused = answers.stream().filter(r -> r.statusCode() != 201).findFirst().orElseThrow();
        refused.then().statusCode(409).contentType("application/problem+json")
                .body("type", endsWith("/api-key-cap-reached")).body("cap", equalTo(10));
        as(tenant.adminKey()).get("/api/v1/api-keys").then().body("", hasSize(10));

        // A revoked key frees its place.
        String minted = answers.stream().filter(r -> r.statusCode() == 201).findFirst().orElseThrow().path("id");
        as(tenant.adminKey()).delete("/api/v1/api-keys/" + minted).then().statusCode(204);
        newKey(tenant, "MEMBER");
        as(tenant.adminKey()).body(Map.of("name", "one too many", "role", "MEMBER")).post("/api/v1/api-keys")
                .then().statusCode(409);
    }

    @Test
    void bothHeadersAuthenticate() {
        TestTenant tenant = newTenant("headers");
        given().header("Authorization", "Bearer " + tenant.adminKey()).get("/api/v1/api-keys").then().statusCode(200);
        given().header("X-API-Key", tenant.adminKey()).get("/api/v1/api-keys").then().statusCode(200);
        // The scheme is case-insensitive (RFC 9110); the OpenAPI validator compares it as written.
        Api.invalid().header("Authorization", "bearer " + tenant.adminKey()).get("/api/v1/api-keys").then()
                .statusCode(200);
    }

    @Test
    void badCredentialsAnswer401WithAChallenge() {
        TestTenant tenant = newTenant("badcred");
        String almost = tenant.adminKey().substring(0, tenant.adminKey().length() - 1)
                + (tenant.adminKey().endsWith("A") ? "B" : "A");
        for (var request : new RequestSpecification[] {
                Api.invalid(),
                Api.invalid().header("X-API-Key", almost),
                Api.invalid().header("X-API-Key", "not-a-key"),
                Api.invalid().header("Authorization", "Basic dXNlcjpwYXNz"),
                Api.invalid().header("Authorization", "Bearer "),
                Api.invalid().header("X-API-Key", tenant.adminKey()).header("Authorization", "Bearer " + almost) }) {
            request.get("/api/v1/api-keys").then().statusCode(401)
                    .header("WWW-Authenticate", notNullValue())
                    .contentType("application/problem+json")
                    .body("type", endsWith("/unauthorized"))
                    .body("status", equalTo(401));
        }
    }

    @Test
    void rolesLimitWhatAKeyMayDo() {
        TestTenant tenant = newTenant("roles");
        String member = newKey(tenant, "MEMBER");
        String reader = newKey(tenant, "READ_ONLY");

        as(member).get("/api/v1/api-keys").then().statusCode(403).body("type", endsWith("/forbidden"));
        as(reader).get("/api/v1/api-keys").then().statusCode(403);
        as(reader).body(Map.of("name", "x", "role", "ADMIN")).post("/api/v1/api-keys").then().statusCode(403);
    }

    @Test
    void expiredKeysAreRefused() throws InterruptedException {
        TestTenant tenant = newTenant("expiry");
        String shortLived = as(tenant.adminKey())
                .body(Map.of("name", "short", "role", "ADMIN", "expiresAt", Instant.now().plusSeconds(2).toString()))
                .post("/api/v1/api-keys").then().statusCode(201).extract().path("key");
        as(shortLived).get("/api/v1/api-keys").then().statusCode(200);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> as(shortLived).get("/api/v1/api-keys").then().statusCode(401));

        as(tenant.adminKey())
                .body(Map.of("name", "past", "role", "ADMIN", "expiresAt", "2020-01-01T00:00:00Z"))
                .post("/api/v1/api-keys").then().statusCode(400).body("errors[0].field", equalTo("expiresAt"));
    }

    @Test
    void revokedKeysStopWorkingAtOnce() {
        TestTenant tenant = newTenant("revoke");
        var created = as(tenant.adminKey()).body(Map.of("name", "doomed", "role", "MEMBER"))
                .post("/api/v1/api-keys").then().statusCode(201).extract();
        String key = created.path("key");
        String id = created.path("id");
        String admin2 = newKey(tenant, "ADMIN");
        as(admin2).get("/api/v1/api-keys").then().statusCode(200);

        as(tenant.adminKey()).delete("/api/v1/api-keys/" + id).then().statusCode(204);
        as(key).get("/api/v1/api-keys").then().statusCode(401);
        as(tenant.adminKey()).get("/api/v1/api-keys").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.revokedAt", notNullValue());
        // Revoking twice is harmless.
        as(tenant.adminKey()).delete("/api/v1/api-keys/" + id).then().statusCode(204);
    }

    @Test
    void aRevocationFromAnotherInstanceTakesEffectWithinOneSecond() {
        TestTenant tenant = newTenant("remote");
        String admin2 = newKey(tenant, "ADMIN");
        as(admin2).get("/api/v1/api-keys").then().statusCode(200); // now remembered in process

        // Another instance revokes: the row changes, and the invalidation arrives over Redis pub/sub.
        String prefix = admin2.substring(0, 13);
        revokeInDatabase(prefix);
        redis.pubsub(Invalidation.class).publish(redisConfig.invalidationChannel(),
                new Invalidation("api-key-revoked", tenant.id(), prefix, "another-instance-" + UUID.randomUUID(), 1));

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> as(admin2).get("/api/v1/api-keys").then().statusCode(401));
    }

    @Test
    void aRevocationWhosePubSubMessageWasLostTakesEffectWithinOneSecond() throws Exception {
        TestTenant tenant = newTenant("lost-message");
        String admin2 = newKey(tenant, "ADMIN");
        as(admin2).get("/api/v1/api-keys").then().statusCode(200); // now remembered in process

        // Another instance revokes and publishes, but this instance's subscription misses the message: it
        // reaches the bus log only.
        String prefix = admin2.substring(0, 13);
        revokeInDatabase(prefix);
        // Logged as bus-publish.lua does, a little ahead on the Redis clock: this test's TIME and ZADD are two
        // calls, between which a read of the log could pass the score (the script does both at once).
        var time = redis.execute("TIME");
        long score = time.get(0).toLong() * 1000 + time.get(1).toLong() / 1000 + 200;
        redis.sortedSet(String.class).zadd(InvalidationBus.LOG_KEY, score, json.writeValueAsString(
                new Invalidation("api-key-revoked", tenant.id(), prefix, "another-instance-" + UUID.randomUUID(), 1)));

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> as(admin2).get("/api/v1/api-keys").then().statusCode(401));
    }

    @Test
    void anotherTenantsKeyIdAnswers404() {
        TestTenant mine = newTenant("mine");
        TestTenant theirs = newTenant("theirs");
        String theirKeyId = as(theirs.adminKey()).get("/api/v1/api-keys").then().extract().path("[0].id");

        as(mine.adminKey()).delete("/api/v1/api-keys/" + theirKeyId).then().statusCode(404)
                .contentType("application/problem+json");
        as(mine.adminKey()).delete("/api/v1/api-keys/" + UUID.randomUUID()).then().statusCode(404);
        as(theirs.adminKey()).get("/api/v1/api-keys").then().statusCode(200)
                .body("[0].revokedAt", equalTo(null));
        as(mine.adminKey()).get("/api/v1/api-keys").then()
                .body("id", not(hasItem(theirKeyId)));
    }

    @Test
    void unknownRoleIsABadRequest() {
        TestTenant tenant = newTenant("badrole");
        invalidAs(tenant.adminKey())
                .body("{\"name\":\"x\",\"role\":\"OWNER\"}")
                .post("/api/v1/api-keys").then().statusCode(400)
                .body("type", endsWith("/invalid-body"));
    }

    @Inject
    AgroalDataSource dataSource;

    private void revokeInDatabase(String prefix) {
        try (var connection = dataSource.getConnection();
                var update = connection.prepareStatement("UPDATE api_keys SET revoked_at = now() WHERE prefix = ?")) {
            update.setString(1, prefix);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
