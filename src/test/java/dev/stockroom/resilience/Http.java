package dev.stockroom.resilience;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import io.restassured.RestAssured;

/** A plain HTTP client for load from many threads, against this test's service or another instance. */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;

    private Http(String base) {
        this.base = base;
    }

    /** The service under test. */
    static Http local() {
        return new Http("http://localhost:" + RestAssured.port);
    }

    static Http at(int port) {
        return new Http("http://localhost:" + port);
    }

    HttpResponse<String> get(String path, String key) {
        return send("GET", path, key, null);
    }

    HttpResponse<String> send(String method, String path, String key, String json) {
        return send(method, path, key, json, Map.of());
    }

    HttpResponse<String> send(String method, String path, String key, String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " got no answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static boolean isProblem(HttpResponse<String> response) {
        return response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json");
    }
}
