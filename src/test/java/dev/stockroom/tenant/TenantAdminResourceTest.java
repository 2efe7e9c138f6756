package dev.stockroom.tenant;

import static dev.stockroom.support.Api.as;
import static dev.stockroom.support.Api.operator;
import static dev.stockroom.support.Api.slug;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.stockroom.support.Api;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class TenantAdminResourceTest {

    @Test
    void operatorCreatesATenantWithItsFirstAdminKey() {
        String slug = slug("acme");
        String key = operator()
                .body(Map.of("slug", slug, "name", "Acme", "plan", "PRO"))
                .post("/admin/tenants")
                .then().statusCode(201)
                .header("Location", matchesPattern(".*/admin/tenants/[0-9a-f-]{36}"))
                .body("tenant.slug", equalTo(slug))
                .body("tenant.plan", equalTo("PRO"))
                .body("tenant.status", equalTo("ACTIVE"))
                .body("apiKey.role", equalTo("ADMIN"))
                .body("apiKey.key", matchesPattern("sr_[A-Za-z0-9]{10}_[A-Za-z0-9]{43}"))
                .extract().path("apiKey.key");

        as(key).get("/api/v1/api-keys").then().statusCode(200)
                .body("prefix", hasItem(key.substring(0, 13)))
                .body("[0].key", nullValue());
    }

    @Test
    void planDefaultsToFree() {
        operator().body(Map.of("slug", slug("free"), "name", "Free"))
                .post("/admin/tenants")
                .then().statusCode(201).body("tenant.plan", equalTo("FREE"));
    }

    @Test
    void duplicateSlugIsAConflict() {
        String slug = slug("dup");
        operator().body(Map.of("slug", slug, "name", "One")).post("/admin/tenants").then().statusCode(201);
        operator().body(Map.of("slug", slug, "name", "Two")).post("/admin/tenants")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("/duplicate-slug"));
    }

    @Test
    void badSlugIsRejectedWithTheField() {
        Api.invalidAsOperator().body(Map.of("slug", "Not A Slug", "name", "Bad"))
                .post("/admin/tenants")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", endsWith("/validation-failed"))
                .body("errors[0].field", equalTo("slug"));
    }

    @Test
    void readListPatchAndDelete() {
        Api.TestTenant tenant = Api.newTenant("crud");
        operator().get("/admin/tenants/" + tenant.id()).then().statusCode(200).body("slug", equalTo(tenant.slug()));

        operator().body(Map.of("plan", "ENTERPRISE")).patch("/admin/tenants/" + tenant.id())
                .then().statusCode(200).body("plan", equalTo("ENTERPRISE")).body("status", equalTo("ACTIVE"));

        String cursor = null;
        boolean seen = false;
        do {
            var page = operator().queryParam("limit", 200).queryParam("cursor", cursor == null ? "" : cursor)
                    .get("/admin/tenants").then().statusCode(200).extract();
            seen |= page.jsonPath().getList("items.slug").contains(tenant.slug());
            cursor = page.path("nextCursor");
        } while (cursor != null && !seen);
        assertTrue(seen, "the new tenant is listed");

        operator().delete("/admin/tenants/" + tenant.id()).then().statusCode(204);
        operator().get("/admin/tenants/" + tenant.id()).then().statusCode(404)
                .body("type", endsWith("/not-found"));
        as(tenant.adminKey()).get("/api/v1/api-keys").then().statusCode(401);
    }

    @Test
    void suspendedTenantsKeysAnswer403UntilReactivated() {
        Api.TestTenant tenant = Api.newTenant("susp");
        as(tenant.adminKey()).get("/api/v1/api-keys").then().statusCode(200);

        operator().body(Map.of("status", "SUSPENDED")).patch("/admin/tenants/" + tenant.id())
                .then().statusCode(200).body("status", equalTo("SUSPENDED"));
        as(tenant.adminKey()).get("/api/v1/api-keys").then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", endsWith("/tenant-suspended"));

        operator().body(Map.of("status", "ACTIVE")).patch("/admin/tenants/" + tenant.id()).then().statusCode(200);
        as(tenant.adminKey()).get("/api/v1/api-keys").then().statusCode(200);
    }

    @Test
    void onlyTheOperatorManagesTenants() {
        Api.TestTenant tenant = Api.newTenant("notop");
        Api.invalid().get("/admin/tenants").then().statusCode(401)
                .header("WWW-Authenticate", notNullValue())
                .contentType("application/problem+json");
        given().auth().oauth2("wrong-token").get("/admin/tenants").then().statusCode(401);
        // Operator endpoints take a bearer token only: an API key in X-API-Key is off the document.
        Api.invalidAs(tenant.adminKey()).get("/admin/tenants").then().statusCode(403)
                .contentType("application/problem+json");
    }
}
