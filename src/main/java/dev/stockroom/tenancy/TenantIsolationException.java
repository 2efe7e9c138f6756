package dev.stockroom.tenancy;

/** The database could not be confined to the tenant: the work must not go on without it. */
public class TenantIsolationException extends RuntimeException {

    public TenantIsolationException(String message, Throwable cause) {
        super(message, cause);
    }
}
