package dev.stockroom.http;

import static dev.stockroom.support.Api.as;
import static dev.stockroom.support.Api.createProduct;
import static dev.stockroom.support.Api.newTenant;
import static dev.stockroom.support.Api.product;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;

@QuarkusTest
class CompressionTest {

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
    void smallResponsesAreLeftAlone() {
        given().header("Accept-Encoding", "gzip").get("/q/health/live").then().statusCode(200)
                .header("Content-Encoding", not(equalTo("gzip")));
        String key = newTenant("nogzip").adminKey();
        as(key).header("Accept-Encoding", "gzip").get("/api/v1/products").then().statusCode(200)
                .header("Content-Encoding", not(equalTo("gzip")));
    }
}
