package dev.stockroom.tenancy;

import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.stockroom.http.Problem;
import dev.stockroom.observability.TenantSpanAttribute;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Fills {@link TenantContext} from the authenticated identity before any resource method runs, and refuses
 * the keys of a suspended tenant (403 {@code tenant-suspended}). On the event loop, before the request moves
 * to a worker thread: a remembered key is verified in memory, others on a worker of the security layer.
 */
public class TenantContextFilter {

    /** Identity attribute holding the {@link TenantCaller} of an API key. */
    public static final String CALLER = "stockroom.caller";
    /** Identity attribute holding the {@link TenantStatus} of the key's tenant. */
    public static final String STATUS = "stockroom.tenant-status";

    @Inject
    CurrentIdentityAssociation identities;

    @Inject
    TenantContext context;

    @ServerRequestFilter(nonBlocking = true, priority = Priorities.USER - 200)
    public Uni<Void> fillTenantContext() {
        return identities.getDeferredIdentity().invoke(this::fill).replaceWithVoid();
    }

    private void fill(SecurityIdentity identity) {
        TenantCaller caller = identity.getAttribute(CALLER);
        if (caller == null) {
            return;
        }
        if (identity.getAttribute(STATUS) == TenantStatus.SUSPENDED) {
            throw Problem.of(403, "tenant-suspended")
                    .detail("The tenant is suspended; its API keys are refused until it is active again")
                    .exception();
        }
        context.set(caller);
        TenantSpanAttribute.tag(caller.tenantId().toString());
    }
}
