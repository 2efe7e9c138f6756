package dev.stockroom.ordering;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
public record OrderView(UUID id, String status, String currency, BigDecimal total, Instant createdAt, List<Line> lines) {

    @RegisterForReflection
    @Schema(name = "OrderLine", description = "`productId` is absent once the product is deleted")
    public record Line(UUID productId, String sku, String name, BigDecimal unitPrice, int quantity, BigDecimal lineTotal) {
    }

    static OrderView of(CustomerOrder order) {
        return new OrderView(order.id, order.status, order.currency, order.total, order.createdAt,
                order.lines.stream().map(l -> new Line(l.productId, l.sku, l.name, l.unitPrice, l.quantity, l.lineTotal))
                        .toList());
    }
}
