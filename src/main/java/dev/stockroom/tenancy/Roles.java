package dev.stockroom.tenancy;

/** The capabilities {@code @RolesAllowed} checks. API key roles grant them (see ApiKeyRole). */
public final class Roles {

    /** The platform operator: manages tenants. */
    public static final String OPERATOR = "operator";
    /** Reads tenant data. */
    public static final String READ = "tenant:read";
    /** Writes tenant data. */
    public static final String WRITE = "tenant:write";
    /** Manages the tenant's keys and cache. */
    public static final String ADMIN = "tenant:admin";

    private Roles() {
    }
}
