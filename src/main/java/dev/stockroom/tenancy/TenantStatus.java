package dev.stockroom.tenancy;

/** A suspended tenant keeps its data, but its API keys answer 403 until it is active again. */
public enum TenantStatus {
    ACTIVE,
    SUSPENDED
}
