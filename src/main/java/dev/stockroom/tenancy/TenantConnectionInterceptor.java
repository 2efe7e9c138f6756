package dev.stockroom.tenancy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalPoolInterceptor;
import io.quarkus.arc.Arc;
import io.quarkus.logging.Log;

/**
 * Applies PostgreSQL row-level security per connection checkout: a connection taken for a tenant switches to
 * the role {@code stockroom_tenant} (which owns nothing and is subject to every policy) with
 * {@code app.tenant_id} set; both are cleared when the connection goes back to the pool. Connections taken
 * with no tenant (migrations, operator endpoints, key verification) keep the login role.
 */
@ApplicationScoped
public class TenantConnectionInterceptor implements AgroalPoolInterceptor {

    static final String TENANT_ROLE = "stockroom_tenant";

    private final TenantContext context;

    TenantConnectionInterceptor(TenantContext context) {
        this.context = context;
    }

    @Override
    public void onConnectionAcquire(Connection connection) {
        // Always set, even for platform work: the state a connection is used in never depends on its past.
        Optional<UUID> tenant = currentTenant();
        if (tenant.isPresent()) {
            apply(connection, TENANT_ROLE, tenant.get().toString());
        } else {
            apply(connection, "none", "");
        }
    }

    @Override
    public void onConnectionReturn(Connection connection) {
        // Never throws: an exception here would abort the pool's return path and leak the connection. A
        // connection that cannot be reset is broken; the pool's exception sorter has marked it for
        // destruction, and a checkout sets the tenant afresh anyway.
        try {
            apply(connection, "none", "");
        } catch (TenantIsolationException e) {
            Log.debugf("Could not reset a returned connection: %s", e.getCause());
        }
    }

    private Optional<UUID> currentTenant() {
        return Arc.container().requestContext().isActive() ? context.tenantId() : Optional.empty();
    }

    private static void apply(Connection connection, String role, String tenantId) {
        // Plain JDBC: the pool calls this with the connection itself, below Hibernate and for every user of the
        // pool. set_config(..., false) lasts for the session, i.e. until the next checkout resets it.
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT set_config('role', ?, false), set_config('app.tenant_id', ?, false)")) {
            statement.setString(1, role);
            statement.setString(2, tenantId);
            statement.execute();
        } catch (SQLException e) {
            throw new TenantIsolationException("Could not apply the tenant to a database connection", e);
        }
    }
}
