package dev.stockroom.resilience;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import dev.stockroom.support.Api;

/**
 * Another instance of the service: the packaged jar in the production profile, against the same PostgreSQL
 * and Redis as the service under test. {@code ./mvnw verify -Dresilience} packages before it tests.
 */
final class SecondInstance implements AutoCloseable {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    private final Process process;
    private final int port;

    private SecondInstance(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts it with the test's connection settings plus {@code extraEnvironment}, and waits until it is ready. */
    static SecondInstance start(Map<String, String> extraEnvironment) throws IOException, InterruptedException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run ./mvnw verify -Dresilience, which packages first");
        }
        Config config = ConfigProvider.getConfig();
        int port = OwnRedis.freePort();
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", config.getValue("quarkus.datasource.jdbc.url", String.class));
        env.put("QUARKUS_DATASOURCE_USERNAME", config.getOptionalValue("quarkus.datasource.username", String.class).orElse("postgres"));
        env.put("QUARKUS_DATASOURCE_PASSWORD", config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
        env.put("QUARKUS_REDIS_HOSTS", String.join(",", config.getValues("quarkus.redis.hosts", String.class)));
        env.put("STOCKROOM_ADMIN_TOKEN", Api.OPERATOR_TOKEN);
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("STOCKROOM_RATE_LIMIT_POLICIES_ADMIN_LIMIT", "100000");
        env.put("STOCKROOM_RATE_LIMIT_POLICIES_TENANT_LIMIT", "100000");
        env.put("STOCKROOM_RATE_LIMIT_POLICIES_AUTH_FAILURES_LIMIT", "100000");
        env.putAll(extraEnvironment);
        Path log = Files.createTempFile("stockroom-second-instance-", ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", JAR.toString())).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        SecondInstance instance = new SecondInstance(builder.start(), port);
        long deadline = System.currentTimeMillis() + 60_000;
        while (!instance.ready()) {
            if (!instance.process.isAlive() || System.currentTimeMillis() > deadline) {
                instance.close();
                throw new IllegalStateException("the second instance did not become ready; its log: " + Files.readString(log));
            }
            Thread.sleep(200);
        }
        return instance;
    }

    Http http() {
        return Http.at(port);
    }

    private boolean ready() {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://localhost:" + port + "/q/health/ready").toURL()
                    .openConnection();
            connection.setConnectTimeout(500);
            return connection.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** Kills it with SIGKILL: no shutdown hook, no transaction completes. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
