package dev.stockroom.tenant;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import dev.stockroom.cache.WarmableTenants;
import dev.stockroom.tenancy.Plan;
import dev.stockroom.tenancy.TenantCaller;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** The tenants to warm at start: active ones, by the last use of any of their keys. */
@ApplicationScoped
class RecentlyActiveTenants implements WarmableTenants {

    private final EntityManager entities;

    RecentlyActiveTenants(EntityManager entities) {
        this.entities = entities;
    }

    @Override
    public List<TenantCaller> mostRecentlyActive(int max) {
        // Native SQL: the keys' tenant column is mapped as a String (Hibernate's @TenantId) and the tenants' id
        // as a UUID, which HQL refuses to compare; the database compares both as uuid.
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> entities.createNativeQuery("""
                SELECT t.id, t.plan FROM tenants t
                WHERE t.status = 'ACTIVE'
                ORDER BY (SELECT max(k.last_used_at) FROM api_keys k WHERE k.tenant_id = t.id) DESC NULLS LAST, t.created_at DESC
                LIMIT ?1""", Object[].class).setParameter(1, max).getResultList());
        return rows.stream()
                .map(row -> TenantCaller.system(UUID.fromString(row[0].toString()), Plan.valueOf(row[1].toString())))
                .toList();
    }
}
