package dev.stockroom.redis;

/**
 * Fired when the invalidation subscription is lost ({@code connected=false}) or (re)established: in either
 * case messages may have been missed, so whoever keeps data in memory drops it.
 */
public record InvalidationBusStatus(boolean connected) {
}
