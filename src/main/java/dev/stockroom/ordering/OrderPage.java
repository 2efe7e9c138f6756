package dev.stockroom.ordering;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A page of orders, newest first; {@code nextCursor} is absent on the last page. Cached as JSON. */
@RegisterForReflection
public record OrderPage(List<OrderView> items, String nextCursor) {
}
