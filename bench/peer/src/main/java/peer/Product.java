package peer;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The fields Stockroom's product view has, in the same order. */
public record Product(UUID id, String sku, String name, String description, BigDecimal price, String currency,
        int stock, String category, List<String> tags, long version, Instant createdAt, Instant updatedAt) {
}
