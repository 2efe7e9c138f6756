package dev.stockroom.ordering;

import static dev.stockroom.support.Api.invalidAs;
import static dev.stockroom.support.Api.as;
import static dev.stockroom.support.Api.createProduct;
import static dev.stockroom.support.Api.newKey;
import static dev.stockroom.support.Api.newTenant;
import static dev.stockroom.support.Api.product;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.stockroom.support.Api.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class OrderResourceTest {

    @Test
    void placingAnOrderTakesTheStock() {
        TestTenant tenant = newTenant("order");
        String key = tenant.adminKey();
        String hammer = createProduct(key, product("O-1", "Hammer", "12.50", 10, "tools"));
        String nails = createProduct(key, product("O-2", "Nails", "0.10", 1000, "tools"));

        String id = as(key).body(Map.of("lines", List.of(
                Map.of("productId", hammer, "quantity", 2),
                Map.of("productId", nails, "quantity", 100),
                Map.of("productId", hammer, "quantity", 1))))
                .post("/api/v1/orders")
                .then().statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/orders/[0-9a-f-]{36}"))
                .body("status", equalTo("PLACED"))
                .body("currency", equalTo("EUR"))
                .body("total", equalTo(47.5f))
                .body("lines", hasSize(2))
                .body("lines[0].quantity", equalTo(3))
                .body("lines[0].lineTotal", equalTo(37.5f))
                .extract().path("id");

        as(key).get("/api/v1/products/" + hammer).then().body("stock", equalTo(7)).body("version", equalTo(1));
        as(key).get("/api/v1/products/" + nails).then().body("stock", equalTo(900));
        as(key).get("/api/v1/orders/" + id).then().statusCode(200).body("lines.sku", equalTo(List.of("O-1", "O-2")));
    }

    @Test
    void anAmountTooLargeToStoreIsRefusedBeforeAnythingIsTaken() {
        String key = newTenant("amount", "ENTERPRISE").adminKey();
        String costly = createProduct(key, product("AM-1", "Costly", "9999999999.99", 1_000_000, "x"));
        as(key).body(Map.of("lines", List.of(Map.of("productId", costly, "quantity", 1000))))
                .post("/api/v1/orders").then().statusCode(422)
                .body("type", endsWith("/amount-too-large"))
                .body("productId", equalTo(costly));
        String first = createProduct(key, product("AM-2", "Half", "600000000.00", 1000, "x"));
        String second = createProduct(key, product("AM-3", "Other half", "600000000.00", 1000, "x"));
        as(key).body(Map.of("lines", List.of(Map.of("productId", first, "quantity", 1000),
                Map.of("productId", second, "quantity", 1000))))
                .post("/api/v1/orders").then().statusCode(422)
                .body("type", endsWith("/amount-too-large"))
                .body("detail", startsWith("The order's total"));
        as(key).get("/api/v1/products/" + costly).then().body("stock", equalTo(1_000_000));
        as(key).get("/api/v1/products/" + first).then().body("stock", equalTo(1000));
    }

    @Test
    void outOfStockChangesNothing() {
        TestTenant tenant = newTenant("oos");
        String key = tenant.adminKey();
        String plenty = createProduct(key, product("OS-1", "Plenty", "1.00", 100, "x"));
        String scarce = createProduct(key, product("OS-2", "Scarce", "1.00", 2, "x"));

        as(key).body(Map.of("lines", List.of(Map.of("productId", plenty, "quantity", 5),
                Map.of("productId", scarce, "quantity", 3))))
                .post("/api/v1/orders")
                .then().statusCode(409)
                .body("type", endsWith("/out-of-stock"))
                .body("productId", equalTo(scarce))
                .body("requested", equalTo(3))
                .body("available", equalTo(2));

        as(key).get("/api/v1/products/" + plenty).then().body("stock", equalTo(100));
        as(key).get("/api/v1/products/" + scarce).then().body("stock", equalTo(2));
        as(key).get("/api/v1/orders").then().body("items", hasSize(0));
    }

    @Test
    void concurrentOrdersNeverOversell() throws Exception {
        TestTenant tenant = newTenant("race");
        String key = newKey(tenant, "MEMBER");
        String product = createProduct(key, product("RACE-1", "Limited", "9.99", 10, "x"));
        String other = createProduct(key, product("RACE-2", "Companion", "1.00", 1000, "x"));

        ExecutorService clients = Executors.newFixedThreadPool(20);
        List<Callable<Integer>> orders = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            // Half the orders lock the two products in the opposite order of the other half.
            List<Map<String, Object>> lines = i % 2 == 0
                    ? List.of(Map.of("productId", product, "quantity", 1), Map.of("productId", other, "quantity", 1))
                    : List.of(Map.of("productId", other, "quantity", 1), Map.of("productId", product, "quantity", 1));
            orders.add(() -> as(key).body(Map.of("lines", lines)).post("/api/v1/orders").statusCode());
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> status : clients.invokeAll(orders)) {
            statuses.add(status.get());
        }
        clients.shutdown();

        assertEquals(10, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(90, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        as(key).get("/api/v1/products/" + product).then().body("stock", equalTo(0));
        as(key).get("/api/v1/products/" + other).then().body("stock", equalTo(990));
        int sold = 0;
        String cursor = null;
        do {
            var request = as(key).queryParam("limit", 200);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/orders").then().statusCode(200).extract().jsonPath();
            sold += page.getList("items").size();
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertEquals(10, sold);
    }

    @Test
    void ordersAreListedNewestFirstWithTheirLines() {
        TestTenant tenant = newTenant("orderlist");
        String key = tenant.adminKey();
        String product = createProduct(key, product("L-1", "Listed", "2.00", 100, "x"));
        List<String> placed = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            placed.add(0, as(key).body(Map.of("lines", List.of(Map.of("productId", product, "quantity", i))))
                    .post("/api/v1/orders").then().statusCode(201).extract().path("id"));
        }
        JsonPath first = as(key).queryParam("limit", 3).get("/api/v1/orders").then().statusCode(200)
                .body("items", hasSize(3))
                .body("items[0].lines[0].quantity", equalTo(5))
                .extract().jsonPath();
        JsonPath second = as(key).queryParam("limit", 3).queryParam("cursor", first.getString("nextCursor"))
                .get("/api/v1/orders").then().statusCode(200).body("items", hasSize(2))
                .body("nextCursor", equalTo(null)).extract().jsonPath();
        List<String> walked = new ArrayList<>(first.getList("items.id"));
        walked.addAll(second.getList("items.id"));
        assertEquals(placed, walked);
    }

    @Test
    void badOrdersAreRefused() {
        TestTenant tenant = newTenant("badorder");
        String key = tenant.adminKey();
        String eur = createProduct(key, product("C-1", "Euro", "1.00", 10, "x"));
        var usdProduct = product("C-2", "Dollar", "1.00", 10, "x");
        usdProduct.put("currency", "USD");
        String usd = createProduct(key, usdProduct);

        as(key).body(Map.of("lines", List.of(Map.of("productId", eur, "quantity", 1), Map.of("productId", usd, "quantity", 1))))
                .post("/api/v1/orders").then().statusCode(422).body("type", endsWith("/mixed-currencies"));
        as(key).body(Map.of("lines", List.of(Map.of("productId", UUID.randomUUID().toString(), "quantity", 1))))
                .post("/api/v1/orders").then().statusCode(404).body("type", endsWith("/product-not-found"));
        invalidAs(key).body(Map.of("lines", List.of())).post("/api/v1/orders").then().statusCode(400);
        invalidAs(key).body(Map.of("lines", List.of(Map.of("productId", eur, "quantity", 0)))).post("/api/v1/orders")
                .then().statusCode(400).body("errors[0].field", equalTo("lines[0].quantity"));
        invalidAs(key).body("{\"lines\":[{\"productId\":\"" + eur + "\",\"quantity\":99999999999}]}").post("/api/v1/orders")
                .then().statusCode(400).body("type", endsWith("/invalid-body"));
    }
}
