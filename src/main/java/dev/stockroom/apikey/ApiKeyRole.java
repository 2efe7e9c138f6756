package dev.stockroom.apikey;

import java.util.Set;

import dev.stockroom.tenancy.Roles;

/** What a key may do; each role grants the capabilities that {@code @RolesAllowed} checks. */
public enum ApiKeyRole {
    /** Manages keys and the tenant's cache, and everything a member does. */
    ADMIN(Set.of(Roles.READ, Roles.WRITE, Roles.ADMIN)),
    /** Reads and writes tenant data. */
    MEMBER(Set.of(Roles.READ, Roles.WRITE)),
    /** Reads tenant data only. */
    READ_ONLY(Set.of(Roles.READ));

    private final Set<String> capabilities;

    ApiKeyRole(Set<String> capabilities) {
        this.capabilities = capabilities;
    }

    public Set<String> capabilities() {
        return capabilities;
    }
}
