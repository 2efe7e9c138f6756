package dev.stockroom.tenant;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import dev.stockroom.apikey.ApiKeyService;
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
        String after = cursor == null ? "" : decode(cursor);
        List<Tenant> page = tenants.find("slug > ?1", Sort.by("slug"), after).page(0, limit + 1).list();
        boolean more = page.size() > limit;
        List<TenantView> items = page.stream().limit(limit).map(TenantView::of).toList();
        return new TenantPage(items, more ? encode(items.get(items.size() - 1).slug()) : null);
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

    private static String encode(String slug) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(slug.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid-cursor", "The cursor is not one this API returned");
        }
    }
}
