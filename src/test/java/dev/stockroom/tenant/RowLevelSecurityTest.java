package dev.stockroom.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import dev.stockroom.support.Api;
import dev.stockroom.support.Api.TestTenant;
import dev.stockroom.tenancy.Plan;
import dev.stockroom.tenancy.TenantCaller;
import dev.stockroom.tenancy.TenantScope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The database confines tenant work even where the code forgets to: native SQL bypasses Hibernate's
 * {@code @TenantId} filter, and row-level security still answers only the current tenant's rows.
 */
@QuarkusTest
class RowLevelSecurityTest {

    @Inject
    EntityManager entityManager;

    @Inject
    TenantScope scope;

    @Test
    void nativeQueryWithoutTenantFilterSeesOnlyItsOwnTenant() {
        TestTenant a = Api.newTenant("rls-a");
        TestTenant b = Api.newTenant("rls-b");
        Api.newKey(b, "MEMBER");

        List<?> tenantsSeenByA = scope.call(TenantCaller.system(a.id(), Plan.PRO), () -> QuarkusTransaction.requiringNew()
                .call(() -> entityManager.createNativeQuery("SELECT DISTINCT tenant_id FROM api_keys").getResultList()));
        assertEquals(List.of(a.id()), tenantsSeenByA);

        Number keysSeenByB = scope.call(TenantCaller.system(b.id(), Plan.PRO), () -> QuarkusTransaction.requiringNew()
                .call(() -> (Number) entityManager.createNativeQuery("SELECT count(*) FROM api_keys").getSingleResult()));
        assertEquals(2, keysSeenByB.intValue());

        List<?> visibleTenants = scope.call(TenantCaller.system(a.id(), Plan.PRO), () -> QuarkusTransaction.requiringNew()
                .call(() -> entityManager.createNativeQuery("SELECT id FROM tenants").getResultList()));
        assertEquals(List.of(a.id()), visibleTenants);
    }

    @Test
    void tenantWorkCannotWriteAnotherTenantsRows() {
        TestTenant a = Api.newTenant("rlsw-a");
        TestTenant b = Api.newTenant("rlsw-b");

        int updated = scope.call(TenantCaller.system(a.id(), Plan.PRO), () -> QuarkusTransaction.requiringNew()
                .call(() -> entityManager.createNativeQuery("UPDATE api_keys SET name = 'hijacked'").executeUpdate()));
        assertEquals(1, updated, "only A's own key");

        assertThrows(RuntimeException.class, () -> scope.run(a.id(), Plan.PRO, () -> QuarkusTransaction.requiringNew()
                .run(() -> entityManager.createNativeQuery("""
                        INSERT INTO api_keys (id, tenant_id, name, prefix, hash, role)
                        VALUES (gen_random_uuid(), :other, 'planted', 'sr_planted00', '\\x00', 'ADMIN')""")
                        .setParameter("other", b.id()).executeUpdate())));

        Number hijackedInB = QuarkusTransaction.requiringNew().call(() -> (Number) entityManager
                .createNativeQuery("SELECT count(*) FROM api_keys WHERE tenant_id = :b AND name = 'hijacked'")
                .setParameter("b", b.id()).getSingleResult());
        assertEquals(0, hijackedInB.intValue());
    }

    @Test
    void tenantWorkRunsAsARoleThatOwnsNothing() {
        TestTenant a = Api.newTenant("rls-role");
        Object[] identity = scope.call(TenantCaller.system(a.id(), Plan.PRO), () -> QuarkusTransaction.requiringNew()
                .call(() -> (Object[]) entityManager.createNativeQuery("""
                        SELECT current_user::text,
                               (SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user),
                               (SELECT rolbypassrls OR rolsuper FROM pg_roles WHERE rolname = current_user)""")
                        .getSingleResult()));
        assertEquals("stockroom_tenant", identity[0]);
        assertEquals(0, ((Number) identity[1]).intValue());
        assertTrue(!(Boolean) identity[2]);
    }
}
