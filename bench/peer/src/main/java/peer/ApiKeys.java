package peer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;

import io.agroal.api.AgroalDataSource;

/** Stockroom's API keys (SHA-256 of the key, found by its prefix), each lookup memoised for 30 s in Caffeine. */
@ApplicationScoped
public class ApiKeys {

    private final AgroalDataSource database;
    private final LoadingCache<String, Optional<UUID>> tenants = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofSeconds(30)).maximumSize(10_000).build(this::lookUp);

    ApiKeys(AgroalDataSource database) {
        this.database = database;
    }

    /** The key's tenant, or empty when the key is unknown, revoked or expired. */
    public Optional<UUID> tenantOf(String key) {
        return key == null || key.length() < 14 ? Optional.empty() : tenants.get(key);
    }

    private Optional<UUID> lookUp(String key) throws Exception {
        try (Connection connection = database.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT tenant_id, hash FROM api_keys "
                        + "WHERE prefix = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())")) {
            query.setString(1, key.substring(0, 13));
            try (ResultSet row = query.executeQuery()) {
                if (row.next() && MessageDigest.isEqual(row.getBytes(2),
                        MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII)))) {
                    return Optional.of(row.getObject(1, UUID.class));
                }
                return Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
