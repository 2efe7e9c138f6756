package peer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.quarkus.cache.CacheKey;
import io.quarkus.cache.CacheResult;

/** Products from Stockroom's table, cached in Redis by {@code @CacheResult} (quarkus-redis-cache). */
@ApplicationScoped
public class Catalog {

    private final AgroalDataSource database;

    Catalog(AgroalDataSource database) {
        this.database = database;
    }

    /** {@code key} is tenant and id: the cache key; null when the tenant has no such product. */
    @CacheResult(cacheName = "product")
    public Product get(@CacheKey String key, UUID tenant, UUID id) {
        try (Connection connection = database.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT id, sku, name, description, price, "
                        + "currency, stock, category, tags, version, created_at, updated_at FROM products "
                        + "WHERE tenant_id = ? AND id = ?")) {
            query.setObject(1, tenant);
            query.setObject(2, id);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                List<String> tags = Arrays.asList((String[]) row.getArray(9).getArray());
                return new Product(row.getObject(1, UUID.class), row.getString(2), row.getString(3), row.getString(4),
                        row.getBigDecimal(5), row.getString(6), row.getInt(7), row.getString(8), tags, row.getLong(10),
                        row.getTimestamp(11).toInstant(), row.getTimestamp(12).toInstant());
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
