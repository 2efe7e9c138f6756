package dev.stockroom.http;

import static dev.stockroom.support.Api.OPERATOR_TOKEN;
import static dev.stockroom.support.Api.createProduct;
import static dev.stockroom.support.Api.newTenant;
import static dev.stockroom.support.Api.product;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.stockroom.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The service behind a real shared cache: Varnish from Debian's packages, once with its stock VCL (which
 * caches any GET without an {@code Authorization} header for two minutes unless the answer says otherwise)
 * and once with a VCL that caches whatever the request carries. Two tenants and the operator ask the same
 * URLs in turn; every answer each caller gets through Varnish must be the one the service gives that caller
 * directly, never one stored for another. Varnish does cache what it may (a sanity check on a URL that
 * depends on no caller), so the test can fail.
 */
@QuarkusTest
@Tag("proxy")
class VarnishTest {

    /** Caches every GET and HEAD whatever its headers (the stock VCL passes those with Authorization). */
    private static final String CACHE_EVERYTHING = """
            vcl 4.1;
            backend default { .host = "127.0.0.1"; .port = "%d"; }
            sub vcl_recv {
                if (req.method == "GET" || req.method == "HEAD") {
                    return (hash);
                }
            }
            """;

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private record Caller(String name, Map<String, String> headers) {
    }

    @Test
    void noAnswerForOneCallerReachesAnotherThroughTheStockVcl() throws Exception {
        try (Varnish varnish = Varnish.start(null)) {
            noAnswerCrossesCallers(varnish);
        }
    }

    @Test
    void noAnswerForOneCallerReachesAnotherThroughAVclThatCachesWhateverTheRequestCarries() throws Exception {
        try (Varnish varnish = Varnish.start(CACHE_EVERYTHING.formatted(RestAssured.port))) {
            noAnswerCrossesCallers(varnish);
        }
    }

    private void noAnswerCrossesCallers(Varnish varnish) throws Exception {
        Api.TestTenant a = newTenant("varnish-a");
        Api.TestTenant b = newTenant("varnish-b");
        String productOfA = createProduct(a.adminKey(), product("VA-1", "Of A", "1.00", 1, "x"));
        String productOfB = createProduct(b.adminKey(), product("VB-1", "Of B", "2.00", 2, "x"));
        List<Caller> callers = List.of(
                new Caller("tenant A by X-API-Key", Map.of("X-API-Key", a.adminKey())),
                new Caller("tenant B by X-API-Key", Map.of("X-API-Key", b.adminKey())),
                new Caller("tenant A by bearer", Map.of("Authorization", "Bearer " + a.adminKey())),
                new Caller("the operator", Map.of("Authorization", "Bearer " + OPERATOR_TOKEN)),
                new Caller("an unknown key", Map.of("X-API-Key", "sr_unknownunknownunknownunknownunknownunknown1")),
                new Caller("nobody", Map.of()));
        List<String> paths = List.of("/api/v1/products/" + productOfA, "/api/v1/products/" + productOfB,
                "/api/v1/products", "/api/v1/products?limit=1", "/api/v1/products/summary", "/api/v1/whoami",
                "/api/v1/api-keys", "/api/v1/products/00000000-0000-0000-0000-000000000000", "/admin/tenants?limit=1",
                "/api/v1/products?limit=abc");
        List<String> leaks = new ArrayList<>();
        int checked = 0;
        for (int round = 0; round < 2; round++) { // the second round finds whatever the first left in the cache
            for (String path : paths) {
                for (Caller caller : callers) {
                    HttpResponse<String> direct = get(RestAssured.port, path, caller);
                    HttpResponse<String> proxied = get(varnish.port(), path, caller);
                    checked++;
                    if (direct.statusCode() != proxied.statusCode() || !sameBody(direct, proxied)) {
                        leaks.add(caller.name() + " GET " + path + ": directly " + direct.statusCode() + ", through Varnish "
                                + proxied.statusCode() + " " + proxied.headers().firstValue("X-Varnish").orElse("")
                                + " " + abbreviate(proxied.body()));
                    }
                }
            }
        }
        assertEquals(List.of(), leaks, "answers stored for one caller and served to another (" + checked + " checked)");

        // Sanity: Varnish stores what no header keeps it from storing, here an answer that depends on no caller.
        get(varnish.port(), "/no/such/route", callers.get(5));
        HttpResponse<String> again = get(varnish.port(), "/no/such/route", callers.get(5));
        assertTrue(again.headers().firstValue("X-Varnish").orElse("").contains(" "),
                "the second request is a cache hit (two transaction ids): " + again.headers().map());
    }

    /** Bodies equal but for what differs between any two calls (timestamps of the answer itself). */
    private static boolean sameBody(HttpResponse<String> direct, HttpResponse<String> proxied) {
        return direct.body().equals(proxied.body());
    }

    private static String abbreviate(String body) {
        return body.length() > 160 ? body.substring(0, 160) + "..." : body;
    }

    private static HttpResponse<String> get(int port, String path, Caller caller) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET();
        caller.headers().forEach(request::header);
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** varnishd in the foreground on a free port, with a working directory of its own. */
    private record Varnish(Process process, int port, Path directory) implements AutoCloseable {

        static Varnish start(String vcl) throws IOException, InterruptedException {
            Path directory = Files.createTempDirectory("stockroom-varnish-");
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            List<String> command = new ArrayList<>(List.of("varnishd", "-F", "-j", "none", "-n", directory.toString(),
                    "-a", "127.0.0.1:" + port, "-s", "malloc,32m"));
            if (vcl == null) {
                command.addAll(List.of("-b", "127.0.0.1:" + RestAssured.port));
            } else {
                Path file = directory.resolve("test.vcl");
                Files.writeString(file, vcl);
                command.addAll(List.of("-f", file.toString()));
            }
            Process process;
            try {
                process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(directory.resolve("varnishd.log").toFile()).start();
            } catch (IOException e) {
                throw new IllegalStateException("varnishd must be on the PATH (Debian: apt-get install varnish)", e);
            }
            Varnish varnish = new Varnish(process, port, directory);
            long deadline = System.currentTimeMillis() + 30_000;
            while (true) {
                try {
                    get(port, "/q/health/live", new Caller("probe", Map.of()));
                    return varnish;
                } catch (IOException notYet) {
                    if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                        varnish.close();
                        throw new IllegalStateException("varnishd did not start: "
                                + Files.readString(directory.resolve("varnishd.log")));
                    }
                    Thread.sleep(100);
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
