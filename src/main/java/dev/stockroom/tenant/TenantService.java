package dev.stockroom.tenant;

import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import dev.stockroom.apikey.ApiKeyService;
import dev.stockroom.http.Cursor;
import dev.stockroom.http.PageSlice;
import dev.stockroom.http.ProblemException;
import dev.stockroom.redis.InvalidationBus;
import dev.stockroom.tenancy.Plan;
import dev.stockroom.tenancy.TenantChanged;
import dev.stockroom.tenancy.TenantDeleted;
import dev.stockroom.tenancy.TenantStatus;
import io.quarkus.panache.common.Sort;

/** The operator's view of tenants: platform work, outside any tenant. */
@ApplicationScoped
@Transactional
public class TenantService {

    static final String LISTING = "tenants";

    private final TenantRepository tenants;
    private final ApiKeyService keys;
    private final InvalidationBus bus;
    private final Event<TenantDeleted> deletions;

    TenantService(TenantRepository tenants, ApiKeyService keys, InvalidationBus bus, Event<TenantDeleted> deletions) {
        this.tenants = tenants;
        this.keys = keys;
        this.bus = bus;
        this.deletions = deletions;
    }

    /** Creates the tenant and its first ADMIN key in one transaction: both or neither. */
    public CreatedTenant create(CreateTenantRequest request) {
        if (tenants.findBySlug(request.slug()).isPresent()) {
            throw ProblemException.conflict("duplicate-slug", "A tenant with slug '" + request.slug() + "' exists");
        }
        Tenant tenant = new Tenant();
        tenant.id = UUID.randomUUID();
        tenant.slug = request.slug();
        tenant.name = request.name();
        tenant.plan = request.plan() == null ? Plan.FREE : request.plan();
        tenant.status = TenantStatus.ACTIVE;
        tenants.persist(tenant);
        tenants.flush();
        return new CreatedTenant(TenantView.of(tenant), keys.createFirst(tenant.id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public TenantPage list(int limit, String cursor) {
        String after = Objects.requireNonNullElse(Cursor.decode(LISTING, cursor, slug -> slug), "");
        PageSlice<TenantView> page = PageSlice.fetch(limit, rows -> tenants
                .find("slug > ?1", Sort.by("slug"), after).page(0, rows).list()).map(TenantView::of);
        return new TenantPage(page.items(), page.nextCursor(last -> Cursor.encode(LISTING, last.slug())));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public TenantView get(UUID id) {
        return TenantView.of(find(id));
    }

    /** Plan and status changes reach every instance's key cache at once: the next request sees them. */
    public TenantView update(UUID id, TenantPatch patch) {
        Tenant tenant = find(id);
        if (patch.plan() != null) {
            tenant.plan = patch.plan();
        }
        if (patch.status() != null) {
            tenant.status = patch.status();
        }
        tenants.flush();
        bus.publishAfterCommit(new TenantChanged(id).invalidation());
        return TenantView.of(tenant);
    }

    /** Deletes the tenant with all its data (foreign keys cascade) and drops what instances remember of it. */
    public void delete(UUID id) {
        tenants.delete(find(id));
        bus.publishAfterCommit(new TenantChanged(id).invalidation());
        deletions.fire(new TenantDeleted(id));
    }

    private Tenant find(UUID id) {
        return tenants.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Tenant " + id));
    }
}
