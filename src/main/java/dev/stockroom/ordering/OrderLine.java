package dev.stockroom.ordering;

import java.math.BigDecimal;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.hibernate.annotations.TenantId;
import org.hibernate.annotations.UuidGenerator;

/** One line of an order, with a snapshot of the product as it was sold. */
@Entity
@Table(name = "order_lines")
public class OrderLine {

    @Id
    @UuidGenerator(style = UuidGenerator.Style.VERSION_7)
    public UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false, columnDefinition = "uuid")
    public String tenantId;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "order_id", nullable = false, updatable = false)
    public CustomerOrder order;

    @Column(name = "line_no", nullable = false)
    public int lineNo;

    /** Null once the product is deleted; the snapshot below remains. */
    @Column(name = "product_id")
    public UUID productId;

    @Column(nullable = false)
    public String sku;

    @Column(nullable = false)
    public String name;

    @Column(name = "unit_price", nullable = false, precision = 12, scale = 2)
    public BigDecimal unitPrice;

    @Column(nullable = false)
    public int quantity;

    @Column(name = "line_total", nullable = false, precision = 14, scale = 2)
    public BigDecimal lineTotal;
}
