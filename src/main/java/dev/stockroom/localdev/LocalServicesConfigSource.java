package dev.stockroom.localdev;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.quarkus.runtime.LaunchMode;

/**
 * Points the dev and test profiles at the PostgreSQL and Redis servers on their default local ports when
 * no container runtime answers, so that {@code ./mvnw quarkus:dev} and {@code ./mvnw verify} work on a
 * machine without Docker or Podman with nothing set by hand.
 * <p>
 * Where a container runtime answers this source is empty and Dev Services start the servers as usual.
 * It only ever provides {@code %dev.} and {@code %test.} properties, never production ones, and its
 * ordinal is below application.properties, {@code .env}, environment variables and system properties,
 * so any explicit setting wins. Quarkus has no switch for "use Dev Services if containers work,
 * otherwise a local server", hence this class.
 */
public class LocalServicesConfigSource implements ConfigSource {

    static final String DEV_DATABASE = "stockroom_dev";
    static final String TEST_DATABASE = "stockroom_test";

    private volatile Map<String, String> properties;

    private Map<String, String> properties() {
        Map<String, String> result = properties;
        if (result == null) {
            // A packaged application never probes: only dev mode and tests may fall back to local servers.
            result = LaunchMode.current().isDevOrTest() && !ContainerRuntime.answers() ? localServices() : Map.of();
            properties = result;
        }
        return result;
    }

    private static Map<String, String> localServices() {
        String host = System.getenv().getOrDefault("STOCKROOM_LOCAL_HOST", "localhost");
        LocalDatabases.ensureExist(host, List.of(DEV_DATABASE, TEST_DATABASE));
        return Map.of(
                "%dev.quarkus.datasource.jdbc.url", LocalDatabases.url(host, DEV_DATABASE),
                "%dev.quarkus.datasource.username", "postgres",
                "%dev.quarkus.datasource.password", "",
                "%dev.quarkus.redis.hosts", "redis://" + host + ":6379/0",
                "%test.quarkus.datasource.jdbc.url", LocalDatabases.url(host, TEST_DATABASE),
                "%test.quarkus.datasource.username", "postgres",
                "%test.quarkus.datasource.password", "",
                "%test.quarkus.redis.hosts", "redis://" + host + ":6379/1");
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties().keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties().get(propertyName);
    }

    @Override
    public String getName() {
        return "stockroom-local-services";
    }

    @Override
    public int getOrdinal() {
        // Below application.properties (250): anything a user writes there wins.
        return 200;
    }

    /** Whether Docker or Podman answers on one of its usual sockets (or DOCKER_HOST names one). */
    static final class ContainerRuntime {

        static boolean answers() {
            String dockerHost = System.getenv("DOCKER_HOST");
            if (dockerHost != null && !dockerHost.isBlank()) {
                // A TCP or remote host is taken on trust: Dev Services will say if it does not answer.
                return !dockerHost.startsWith("unix://") || connects(Path.of(dockerHost.substring("unix://".length())));
            }
            return candidateSockets().stream().anyMatch(ContainerRuntime::connects);
        }

        private static List<Path> candidateSockets() {
            List<Path> sockets = new ArrayList<>();
            sockets.add(Path.of("/var/run/docker.sock"));
            sockets.add(Path.of("/run/podman/podman.sock"));
            String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
            if (runtimeDir != null) {
                sockets.add(Path.of(runtimeDir, "podman", "podman.sock"));
                sockets.add(Path.of(runtimeDir, "docker.sock"));
            }
            String home = System.getProperty("user.home");
            if (home != null) {
                sockets.add(Path.of(home, ".docker", "run", "docker.sock"));
                sockets.add(Path.of(home, ".colima", "default", "docker.sock"));
                sockets.add(Path.of(home, ".rd", "docker.sock"));
            }
            return sockets;
        }

        private static boolean connects(Path socket) {
            if (!Files.exists(socket)) {
                return false;
            }
            try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                return channel.isConnected();
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
    }
}
