package dev.stockroom.resilience;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A redis-server of the test's own on a free loopback port, which the test can stop and start again while
 * the service runs. Its append-only file survives restarts, as a production Redis with persistence would,
 * so entries cached before an outage are still there after it. Init argument {@code started=false} leaves
 * it down when the service starts.
 */
public class OwnRedis implements QuarkusTestResourceLifecycleManager {

    private static volatile OwnRedis current;

    private int port;
    private Path dir;
    private Process process;

    /** The server of the running test class. */
    public static OwnRedis server() {
        return current;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        port = freePort();
        boolean started = !"false".equals(initArgs.get("started"));
        try {
            dir = Files.createTempDirectory("stockroom-redis-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        current = this;
        if (started) {
            launch();
        }
    }

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + port, "quarkus.redis.client-type", "standalone");
    }

    @Override
    public void stop() {
        halt();
    }

    /** Starts the server (again), with what its append-only file holds. */
    public synchronized void launch() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            process = new ProcessBuilder(List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--dir", dir.toString(), "--appendonly", "yes", "--appendfsync", "always", "--save", ""))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("redis-server must be on the PATH", e);
        }
        long deadline = System.currentTimeMillis() + 10_000;
        while (!answers()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("redis-server on port " + port + " did not start");
            }
            sleep(50);
        }
    }

    /** Stops the server the way an orchestrator does (SIGTERM); the append-only file keeps its data. */
    public synchronized void halt() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** With the server stopped, deletes what it had saved: it starts again empty, as after losing its disk. */
    public synchronized void discardData() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("stop the server first");
        }
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder())
                    .filter(file -> !file.equals(dir) && !file.getFileName().toString().equals("redis.log"))
                    .forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    private boolean answers() {
        try (var socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write("PING\r\n".getBytes());
            byte[] reply = new byte[7];
            return socket.getInputStream().read(reply) > 0 && new String(reply).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    /** A loopback port nothing listens on now. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
