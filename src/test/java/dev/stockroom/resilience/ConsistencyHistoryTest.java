package dev.stockroom.resilience;

import static dev.stockroom.support.Api.createProduct;
import static dev.stockroom.support.Api.product;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.stockroom.support.Api;
import dev.stockroom.support.Database;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The history checker: two instances (this test's service, A, and the packaged jar, B), 16 clients reading
 * and writing a handful of hot products for two minutes while faults are injected, every operation logged,
 * and the log checked against the caching guarantees ({@link History}). Faults, in order:
 * <ol>
 * <li>B's database answers delayed by 300 ms to 1 s (a proxy on B's PostgreSQL link);</li>
 * <li>the invalidation bus connections killed ({@code CLIENT KILL TYPE pubsub});</li>
 * <li>B's Redis link cut (bytes held both ways, connections left open) and healed;</li>
 * <li>Redis restarted with its data, then restarted empty;</li>
 * <li>B killed with SIGKILL right after PostgreSQL committed one of its product writes, before B heard of
 * the commit (the proxy swallows the answer), then started again;</li>
 * <li>the bus connections killed once more.</li>
 * </ol>
 */
@QuarkusTest
@Tag("resilience")
@TestProfile(ConsistencyHistoryTest.Unlimited.class)
@WithTestResource(OwnRedis.class)
class ConsistencyHistoryTest {

    /** The limits far above the load, so that every answer is the cache's, not the limiter's. */
    public static class Unlimited implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("stockroom.rate-limit.policies.api.limit", UNLIMITED,
                    "stockroom.rate-limit.policies.writes.limit", UNLIMITED,
                    "stockroom.rate-limit.policies.tenant.limit", UNLIMITED);
        }
    }

    private static final String UNLIMITED = "100000000";
    private static final int CLIENTS = 16;
    private static final int PRODUCTS = 4;
    private static final Duration RUN = Duration.ofSeconds(120);
    private static final int MIN_OPERATIONS = 20_000;
    /** Bounds from docs/caching.md: the bus delay, and relay-after + sweep-interval + the bus delay. */
    private static final Duration BUS_BOUND = Duration.ofSeconds(1);
    private static final Duration RELAY_BOUND = Duration.ofSeconds(5);
    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*(\\d+)");

    @Inject
    RedisDataSource redis;

    private History history;
    private final AtomicReference<Http> b = new AtomicReference<>();
    private final List<String> faults = new ArrayList<>();

    @Test
    void noReadBreaksTheStalenessBoundsUnderFaults() throws Exception {
        Api.TestTenant tenant = Api.newTenant("history", "ENTERPRISE");
        List<String> hot = new ArrayList<>();
        for (int i = 0; i < PRODUCTS; i++) {
            hot.add(createProduct(tenant.adminKey(), product("HOT-" + i, "Hot " + i, "1.00", 100, "hot")));
        }
        String jdbc = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        Matcher hostPort = Pattern.compile("//([^/:]+)(?::(\\d+))?/").matcher(jdbc);
        assertTrue(hostPort.find(), jdbc);
        int databasePort = hostPort.group(2) == null ? 5432 : Integer.parseInt(hostPort.group(2));

        try (FaultProxy database = new FaultProxy(databasePort); FaultProxy redisLink = new FaultProxy(OwnRedis.server().port())) {
            Map<String, String> environment = new HashMap<>(Map.of("STOCKROOM_RATE_LIMIT_POLICIES_API_LIMIT", UNLIMITED,
                    "STOCKROOM_RATE_LIMIT_POLICIES_WRITES_LIMIT", UNLIMITED,
                    "STOCKROOM_RATE_LIMIT_POLICIES_TENANT_LIMIT", UNLIMITED));
            environment.put("QUARKUS_DATASOURCE_JDBC_URL", hostPort.replaceFirst("//127.0.0.1:" + database.port() + "/"));
            environment.put("QUARKUS_REDIS_HOSTS", "redis://127.0.0.1:" + redisLink.port());
            AtomicReference<SecondInstance> second = new AtomicReference<>(SecondInstance.start(environment));
            b.set(second.get().http());
            Http a = Http.local();
            AtomicBoolean running = new AtomicBoolean(true);
            history = new History();
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                Thread client = new Thread(() -> runClient(running, a, tenant.adminKey(), hot), "history-client-" + i);
                client.start();
                clients.add(client);
            }
            try {
                long end = System.nanoTime() + RUN.toNanos();
                sleepUntil(8);
                fault("B's database answers delayed 300 ms to 1 s", () -> {
                    database.delayAnswers(Duration.ofMillis(300), Duration.ofSeconds(1));
                    Thread.sleep(12_000);
                    database.noDelay();
                });
                sleepUntil(24);
                fault("bus connections killed", this::killBusConnections);
                sleepUntil(30);
                fault("B's Redis link cut for 10 s", () -> {
                    long start = System.nanoTime();
                    redisLink.cut();
                    Thread.sleep(10_000);
                    redisLink.heal();
                    history.outage("B", "split", start, System.nanoTime());
                });
                sleepUntil(48);
                fault("Redis restarted with its data after 4 s", () -> restartRedis(false));
                sleepUntil(62);
                fault("Redis restarted empty after 4 s", () -> restartRedis(true));
                sleepUntil(76);
                fault("B killed right after a commit, then started again", () -> {
                    killAfterCommit(database, second.get(), hot);
                    second.set(SecondInstance.start(environment));
                    b.set(second.get().http());
                });
                sleepUntil(100);
                fault("bus connections killed", this::killBusConnections);
                // Two minutes, and longer on a slow machine until the history holds enough operations.
                while (System.nanoTime() < end || history.operations().size() < MIN_OPERATIONS
                        && System.nanoTime() < end + RUN.toNanos()) {
                    Thread.sleep(1_000);
                }
            } finally {
                running.set(false);
                for (Thread client : clients) {
                    client.join(60_000);
                }
                second.get().close();
            }
        }

        History.Verdict verdict = history.check(BUS_BOUND, RELAY_BOUND);
        System.out.printf("History checker: %d operations, faults: %s%n%s%n", history.operations().size(), faults,
                verdict.describe());
        assertTrue(history.operations().size() >= MIN_OPERATIONS, "at least 20,000 operations: " + history.operations().size());
        assertTrue(verdict.writes() >= 1_000, "writes enough to race: " + verdict.describe());
        assertEquals(List.of(), verdict.violations().stream().limit(20).map(history::describe).toList(), verdict.describe());
        // A 503 problem is the documented answer when no database connection frees up in time (B's delayed
        // database); any other 5xx is a defect.
        List<History.Operation> failed = history.operations().stream().filter(o -> o.status() >= 500 && o.status() != 503)
                .toList();
        assertEquals(List.of(), failed.stream().limit(20).map(String::valueOf).toList(), "no 5xx but 503");
        System.out.printf("History checker: %d answers 503 (database busy)%n",
                history.operations().stream().filter(o -> o.status() == 503).count());
    }

    private void runClient(AtomicBoolean running, Http a, String key, List<String> hot) {
        AtomicLong names = new AtomicLong();
        while (running.get()) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int index = random.nextInt(hot.size());
            String product = hot.get(index);
            Http bNow = b.get();
            boolean onA = bNow == null || random.nextBoolean();
            Http target = onA ? a : bNow;
            boolean write = random.nextInt(100) < 15;
            long start = System.nanoTime();
            int status;
            long version = -1;
            try {
                HttpResponse<String> response = write
                        ? target.send("PUT", "/api/v1/products/" + product, key, body(index, names.incrementAndGet()))
                        : target.get("/api/v1/products/" + product, key);
                status = response.statusCode();
                Matcher matcher = VERSION.matcher(response.body());
                if (status == 200 && matcher.find()) {
                    version = Long.parseLong(matcher.group(1));
                }
            } catch (IllegalStateException e) {
                status = -1; // no answer: the instance died or is starting
                sleep(20);
            }
            history.add(new History.Operation(write ? History.Kind.WRITE : History.Kind.READ, onA ? "A" : "B", product,
                    start, System.nanoTime(), status, version));
        }
    }

    private static String body(int index, long name) {
        return "{\"sku\":\"HOT-" + index + "\",\"name\":\"" + Thread.currentThread().getName() + "-" + name
                + "\",\"price\":1,\"currency\":\"EUR\",\"stock\":100,\"category\":\"hot\"}";
    }

    private void killBusConnections() {
        redis.execute("CLIENT", "KILL", "TYPE", "pubsub");
    }

    private void restartRedis(boolean empty) throws InterruptedException {
        long start = System.nanoTime();
        OwnRedis.server().halt();
        if (empty) {
            OwnRedis.server().discardData();
        }
        Thread.sleep(4_000);
        OwnRedis.server().launch();
        history.outage(null, empty ? "restart, empty" : "restart", start, System.nanoTime());
    }

    /**
     * Arms the database proxy: when a connection of B that updated a row and inserted an outbox row since
     * its last transaction end is answered COMMIT, B is killed before the answer reaches it. What B
     * committed is then read from the database, as an unanswered commit that the outbox must relay.
     */
    private void killAfterCommit(FaultProxy database, SecondInstance instance, List<String> hot) throws Exception {
        AtomicBoolean armed = new AtomicBoolean(true);
        AtomicLong killedAt = new AtomicLong();
        database.trapAnswers((connection, chunk, length) -> {
            String text = new String(chunk, 0, length, StandardCharsets.ISO_8859_1);
            if (text.contains("UPDATE 1\0")) {
                connection.saw("update");
            }
            if (text.contains("INSERT 0 1\0")) {
                connection.saw("insert");
            }
            if (!text.contains("COMMIT\0") && !text.contains("ROLLBACK\0")) {
                return false;
            }
            boolean wrote = connection.seen("update") && connection.seen("insert") && text.contains("COMMIT\0");
            connection.forget();
            if (wrote && armed.compareAndSet(true, false)) {
                b.set(null);
                try {
                    instance.kill();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                killedAt.set(System.nanoTime());
                return true;
            }
            return false;
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (killedAt.get() == 0) {
            assertTrue(System.nanoTime() < deadline, "no write of B committed within 30 s");
            Thread.sleep(5);
        }
        database.trapAnswers(null);
        try (Connection connection = Database.connect();
                PreparedStatement statement = connection.prepareStatement("SELECT id, version FROM products WHERE id = ANY (?)")) {
            statement.setArray(1, connection.createArrayOf("uuid", hot.stream().map(UUID::fromString).toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    history.unansweredCommit(rows.getString(1), rows.getLong(2), killedAt.get());
                }
            }
        }
    }

    private interface Fault {
        void inject() throws Exception;
    }

    private void fault(String name, Fault fault) throws Exception {
        System.out.printf("History checker, %d s: %s%n", TimeUnit.NANOSECONDS.toSeconds(history.elapsed()), name);
        fault.inject();
        faults.add(name);
    }

    private void sleepUntil(long secondsIntoRun) throws InterruptedException {
        long wait = TimeUnit.SECONDS.toMillis(secondsIntoRun) - TimeUnit.NANOSECONDS.toMillis(history.elapsed());
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
