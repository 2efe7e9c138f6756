package dev.stockroom.ordering;

import java.util.List;

/** A page of orders, newest first; {@code nextCursor} is absent on the last page. */
public record OrderPage(List<OrderView> items, String nextCursor) {
}
