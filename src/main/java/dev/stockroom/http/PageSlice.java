package dev.stockroom.http;

import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * A page of at most {@code limit} items, fetched as {@code limit + 1} rows: the extra row is never shown, it
 * only tells that another page follows. The one place that spells "fetch one more row", for keyset and
 * offset paging alike.
 */
public record PageSlice<T>(List<T> items, boolean hasMore) {

    /** Runs {@code query} for {@code limit + 1} rows (the row count it is given) and keeps the first {@code limit}. */
    public static <T> PageSlice<T> fetch(int limit, IntFunction<List<T>> query) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        List<T> rows = query.apply(limit + 1);
        return rows.size() > limit ? new PageSlice<>(List.copyOf(rows.subList(0, limit)), true)
                : new PageSlice<>(List.copyOf(rows), false);
    }

    public <R> PageSlice<R> map(Function<? super T, ? extends R> mapper) {
        return new PageSlice<>(items.stream().<R> map(mapper).toList(), hasMore);
    }

    /** The cursor of the next page, made from the last item (see {@link Cursor#encode}); null on the last page. */
    public String nextCursor(Function<? super T, String> cursorOf) {
        return hasMore ? cursorOf.apply(items.get(items.size() - 1)) : null;
    }
}
