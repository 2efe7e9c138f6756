package dev.stockroom.ordering;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.TenantId;
import org.hibernate.annotations.UuidGenerator;

/** An order placed by a tenant ("Order" is a reserved word in queries, hence the name). */
@Entity
@Table(name = "orders")
public class CustomerOrder {

    public static final String PLACED = "PLACED";

    @Id
    @UuidGenerator(style = UuidGenerator.Style.VERSION_7)
    public UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false, columnDefinition = "uuid")
    public String tenantId;

    @Column(nullable = false)
    public String status = PLACED;

    @Column(nullable = false, length = 3)
    public String currency;

    @Column(nullable = false, precision = 14, scale = 2)
    public BigDecimal total;

    @CreationTimestamp
    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @OneToMany(mappedBy = "order", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("lineNo")
    public List<OrderLine> lines = new ArrayList<>();
}
