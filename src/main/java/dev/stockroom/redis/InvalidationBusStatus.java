package dev.stockroom.redis;

/**
 * Fired when the invalidation subscription is lost ({@code connected=false}) or (re)established, and when
 * Redis lost its data (its data epoch changed): in every case messages may have been missed, so whoever
 * keeps data in memory drops it.
 */
public record InvalidationBusStatus(boolean connected) {
}
