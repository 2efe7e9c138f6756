package dev.stockroom.security;

import static dev.stockroom.support.Api.newTenant;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * No browser origin is granted access: neither a preflight nor a request carrying an API key from another
 * origin gets an {@code Access-Control-Allow-*} header, so a page elsewhere cannot read tenant data through
 * a visitor's browser.
 */
@QuarkusTest
class CrossOriginTest {

    private static final String ORIGIN = "https://elsewhere.example";

    @Test
    void noOriginIsAllowed() {
        String key = newTenant("cors").adminKey();
        given().header("Origin", ORIGIN).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "X-API-Key")
                .options("/api/v1/products").then().statusCode(lessThan(500))
                .header("Access-Control-Allow-Origin", nullValue())
                .header("Access-Control-Allow-Headers", nullValue())
                .header("Access-Control-Allow-Credentials", nullValue());
        given().header("Origin", ORIGIN).header("X-API-Key", key).get("/api/v1/products").then().statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue());
    }
}
