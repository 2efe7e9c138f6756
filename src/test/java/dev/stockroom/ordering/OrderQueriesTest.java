package dev.stockroom.ordering;

import static dev.stockroom.support.Api.as;
import static dev.stockroom.support.Api.createProduct;
import static dev.stockroom.support.Api.newTenant;
import static dev.stockroom.support.Api.product;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Listing orders with their lines costs one SQL statement per page, however many orders it holds. */
@QuarkusTest
class OrderQueriesTest {

    @Inject
    SessionFactory sessionFactory;

    @Test
    void aPageOfOrdersWithTheirLinesIsOneStatement() {
        String key = newTenant("nplus1").adminKey();
        String a = createProduct(key, product("N-1", "A", "1.00", 1000, "x"));
        String b = createProduct(key, product("N-2", "B", "1.00", 1000, "x"));
        for (int i = 0; i < 15; i++) {
            as(key).body(Map.of("lines", List.of(Map.of("productId", a, "quantity", 1), Map.of("productId", b, "quantity", 2))))
                    .post("/api/v1/orders").then().statusCode(201);
        }
        as(key).get("/api/v1/orders").then().statusCode(200); // the key is now verified and remembered

        Statistics statistics = sessionFactory.getStatistics();
        long before = statistics.getPrepareStatementCount();
        as(key).queryParam("limit", 10).get("/api/v1/orders").then().statusCode(200)
                .body("items", hasSize(10)).body("items[9].lines", hasSize(2));
        assertEquals(1, statistics.getPrepareStatementCount() - before);
    }
}
