package dev.stockroom.tenancy;

/** A tenant's subscription plan; rate limits scale by it. */
public enum Plan {
    FREE,
    PRO,
    ENTERPRISE
}
