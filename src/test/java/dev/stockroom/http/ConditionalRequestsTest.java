package dev.stockroom.http;

import static dev.stockroom.support.Api.as;
import static dev.stockroom.support.Api.createProduct;
import static dev.stockroom.support.Api.newTenant;
import static dev.stockroom.support.Api.product;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every RFC 9110 precondition case (section 13) with the status it must give, on a product at version 0:
 * weak comparison for {@code If-None-Match}, strong for {@code If-Match}, {@code If-Unmodified-Since} and
 * {@code If-Modified-Since} with the precedence of section 13.2.2, the three HTTP-date forms, and malformed
 * entity tags rejected with a problem. Each write case runs on a product of its own.
 */
@QuarkusTest
class ConditionalRequestsTest {

    private static final DateTimeFormatter IMF = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);
    private static final DateTimeFormatter RFC_850 = DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss 'GMT'", Locale.US);
    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US);

    /** One row: a method, the precondition fields, the status it must answer. {@code LM} stands for Last-Modified. */
    private record Row(String method, Map<String, String> fields, int status) {
        @Override
        public String toString() {
            return method + " " + fields + " -> " + status;
        }
    }

    private static Row row(String method, int status, String... fields) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            map.put(fields[i], fields[i + 1]);
        }
        return new Row(method, map, status);
    }

    private static final List<Row> TABLE = List.of(
            // If-None-Match on reads: weak comparison; a match is 304
            row("GET", 304, "If-None-Match", "\"v0\""),
            row("GET", 304, "If-None-Match", "W/\"v0\""),
            row("GET", 304, "If-None-Match", "\"v7\", W/\"v0\""),
            row("GET", 304, "If-None-Match", "*"),
            row("GET", 200, "If-None-Match", "\"v7\""),
            row("HEAD", 304, "If-None-Match", "W/\"v0\""),
            row("HEAD", 200, "If-None-Match", "\"v7\""),
            // If-Modified-Since on reads, in each HTTP-date form; ignored when If-None-Match is present
            row("GET", 304, "If-Modified-Since", "LM"),
            row("GET", 304, "If-Modified-Since", "LM+1h"),
            row("GET", 200, "If-Modified-Since", "LM-1h"),
            row("GET", 304, "If-Modified-Since", "LM rfc850"),
            row("GET", 304, "If-Modified-Since", "LM asctime"),
            row("GET", 200, "If-Modified-Since", "yesterday"),
            row("GET", 200, "If-None-Match", "\"v7\"", "If-Modified-Since", "LM"),
            // If-Match: strong comparison; failure is 412, on reads too
            row("GET", 200, "If-Match", "\"v0\""),
            row("GET", 412, "If-Match", "\"v7\""),
            row("GET", 412, "If-Match", "W/\"v0\""),
            row("GET", 200, "If-Match", "*"),
            // If-Unmodified-Since, ignored when If-Match is present
            row("GET", 412, "If-Unmodified-Since", "LM-1h"),
            row("GET", 200, "If-Unmodified-Since", "LM"),
            row("GET", 200, "If-Match", "\"v0\"", "If-Unmodified-Since", "LM-1h"),
            // malformed entity tags: a problem, never a match
            row("GET", 400, "If-None-Match", "v0"),
            row("GET", 400, "If-None-Match", "\""),
            row("GET", 400, "If-Match", "v0"),
            row("GET", 400, "If-Match", "\"v0\" \"v1\""),
            // writes
            row("PUT", 200, "If-Match", "\"v0\""),
            row("PUT", 200, "If-Match", "*"),
            row("PUT", 200, "If-Match", "\"v7\", \"v0\""),
            row("PUT", 412, "If-Match", "\"v7\""),
            row("PUT", 412, "If-Match", "W/\"v0\""),
            row("PUT", 400, "If-Match", "v0"),
            row("PUT", 200, "If-Unmodified-Since", "LM"),
            row("PUT", 200, "If-Unmodified-Since", "LM+1h"),
            row("PUT", 412, "If-Unmodified-Since", "LM-1h"),
            row("PUT", 412, "If-Unmodified-Since", "LM-1h rfc850"),
            row("PUT", 200, "If-Unmodified-Since", "not a date"),
            row("PUT", 200, "If-Match", "\"v0\"", "If-Unmodified-Since", "LM-1h"),
            row("PUT", 412, "If-None-Match", "\"v0\""),
            row("PUT", 412, "If-None-Match", "W/\"v0\""),
            row("PUT", 412, "If-None-Match", "*"),
            row("PUT", 200, "If-None-Match", "\"v7\""),
            row("PUT", 200, "If-Modified-Since", "LM+1h"),
            row("DELETE", 204, "If-Match", "\"v0\""),
            row("DELETE", 412, "If-Match", "\"v7\""),
            row("DELETE", 412, "If-Unmodified-Since", "LM-1h"),
            row("DELETE", 204, "If-Unmodified-Since", "LM"),
            row("DELETE", 412, "If-None-Match", "*"));

    @Test
    void everyPreconditionCaseAnswersItsStatus() {
        String key = newTenant("conditional").adminKey();
        String readId = createProduct(key, product("COND-R", "Read", "1.00", 1, "x"));
        List<String> wrong = new ArrayList<>();
        int sku = 0;
        for (Row row : TABLE) {
            boolean write = !row.method().equals("GET") && !row.method().equals("HEAD");
            String id = write ? createProduct(key, product("COND-" + sku++, "Written", "1.00", 1, "x")) : readId;
            ZonedDateTime lastModified = ZonedDateTime.parse(as(key).get("/api/v1/products/" + id).header("Last-Modified"),
                    DateTimeFormatter.RFC_1123_DATE_TIME).withZoneSameInstant(ZoneOffset.UTC);
            RequestSpecification request = as(key);
            row.fields().forEach((name, value) -> request.header(name, date(value, lastModified)));
            if (row.method().equals("PUT")) {
                request.body(product("COND-" + (sku - 1), "Replaced", "2.00", 1, "x"));
            }
            Response response = request.request(row.method(), "/api/v1/products/" + id);
            if (response.statusCode() != row.status()) {
                wrong.add(row + " answered " + response.statusCode());
                continue;
            }
            switch (response.statusCode()) {
                case 304 -> {
                    assertEquals("\"v0\"", response.header("ETag"), row + ": a 304 names the current validator");
                    assertEquals(null, response.header("Content-Encoding"), row + ": no content coding on a 304");
                }
                case 400 -> assertTrue(response.body().asString().contains("/invalid-precondition"), row + ": " + response.body().asString());
                case 412 -> assertTrue(response.body().asString().contains("/precondition-failed"), row + ": " + response.body().asString());
                default -> {
                }
            }
        }
        assertEquals(List.of(), wrong, "every row of the table");
    }

    /** Replaces {@code LM}, {@code LM+1h} and {@code LM-1h} (optionally with a date form) by an HTTP-date. */
    private static String date(String value, ZonedDateTime lastModified) {
        if (!value.startsWith("LM")) {
            return value;
        }
        String[] parts = value.split(" ");
        ZonedDateTime when = switch (parts[0]) {
            case "LM+1h" -> lastModified.plus(Duration.ofHours(1));
            case "LM-1h" -> lastModified.minus(Duration.ofHours(1));
            default -> lastModified;
        };
        DateTimeFormatter form = parts.length < 2 ? IMF : parts[1].equals("rfc850") ? RFC_850 : ASCTIME;
        return form.format(when);
    }
}
