package dev.stockroom.http;

import static dev.stockroom.support.Api.as;
import static dev.stockroom.support.Api.createProduct;
import static dev.stockroom.support.Api.newKey;
import static dev.stockroom.support.Api.newTenant;
import static dev.stockroom.support.Api.product;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;

@QuarkusTest
class CompressionTest {

    private static final RestAssuredConfig RAW = RestAssuredConfig.config()
            .decoderConfig(DecoderConfig.decoderConfig().noContentDecoders());

    @Test
    void largeJsonIsGzippedWhenTheClientAcceptsIt() {
        String key = newTenant("gzip").adminKey();
        for (int i = 0; i < 20; i++) {
            createProduct(key, product("GZ-" + i, "Compressible product " + i + " with a name long enough", "1.00", 1, "x"));
        }
        as(key).header("Accept-Encoding", "gzip").get("/api/v1/products").then().statusCode(200)
                .header("Content-Encoding", "gzip")
                .body("items.size()", equalTo(20));
        as(key).config(RestAssuredConfig.config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders()))
                .get("/api/v1/products").then().statusCode(200)
                .header("Content-Encoding", not(equalTo("gzip")));
    }

    @Test
    void largeJsonOfValuesIsGzippedToo() {
        // A list of views, serialized per request (not text the service holds): the other of the two writers.
        var tenant = newTenant("gzip-values");
        for (int i = 0; i < 12; i++) {
            newKey(tenant, "READ_ONLY");
        }
        as(tenant.adminKey()).header("Accept-Encoding", "gzip").get("/api/v1/api-keys").then().statusCode(200)
                .header("Content-Encoding", "gzip").header("Vary", containsString("Accept-Encoding"))
                .body("size()", equalTo(13));
        as(tenant.adminKey()).config(RAW).get("/api/v1/api-keys").then().statusCode(200)
                .header("Content-Encoding", nullValue()).body("size()", equalTo(13));
    }

    @Test
    void aPageAnsweredAgainFromItsHeldEncodingsFollowsItsCurrentText() {
        String key = newTenant("gzip-held").adminKey();
        String first = null;
        for (int i = 0; i < 20; i++) {
            String id = createProduct(key, product("GH-" + i, "Held page product " + i + " with a long name", "1.00", 1, "x"));
            first = first == null ? id : first;
        }
        for (int i = 0; i < 3; i++) { // the same cached text, in turn with and without gzip
            as(key).header("Accept-Encoding", "gzip").get("/api/v1/products").then().statusCode(200)
                    .header("Content-Encoding", "gzip").body("items.size()", equalTo(20));
            as(key).config(RAW).get("/api/v1/products").then().statusCode(200)
                    .header("Content-Encoding", nullValue()).body("items.size()", equalTo(20));
        }
        as(key).body(product("GH-0", "Renamed", "1.00", 1, "x")).put("/api/v1/products/" + first).then().statusCode(200);
        as(key).header("Accept-Encoding", "gzip").get("/api/v1/products").then().statusCode(200)
                .header("Content-Encoding", "gzip").body("items.name", hasItem("Renamed"));
        as(key).config(RAW).get("/api/v1/products").then().statusCode(200).body("items.name", hasItem("Renamed"));
    }

    @Test
    void smallResponsesAreLeftAlone() {
        given().header("Accept-Encoding", "gzip").get("/q/health/live").then().statusCode(200)
                .header("Content-Encoding", not(equalTo("gzip")));
        String key = newTenant("nogzip").adminKey();
        as(key).header("Accept-Encoding", "gzip").get("/api/v1/products").then().statusCode(200)
                .header("Content-Encoding", not(equalTo("gzip")));
    }
}
