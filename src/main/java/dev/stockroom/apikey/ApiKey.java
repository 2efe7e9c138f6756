package dev.stockroom.apikey;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.TenantId;

/** An API key of a tenant, stored as a hash with a display prefix; the key itself is never stored. */
@Entity
@Table(name = "api_keys")
public class ApiKey {

    @Id
    public UUID id;

    /** A string because Quarkus hands Hibernate tenant ids as strings; the column is a uuid. */
    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false, columnDefinition = "uuid")
    public String tenantId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false, unique = true, updatable = false)
    public String prefix;

    @Column(nullable = false, updatable = false)
    public byte[] hash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public ApiKeyRole role;

    @CreationTimestamp
    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;
}
