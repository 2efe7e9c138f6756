package dev.stockroom.http;

import jakarta.ws.rs.QueryParam;

/**
 * The paging query parameters of a keyset listing, taken with {@code @BeanParam}: {@code limit} (1–200,
 * default 50) and the opaque {@code cursor} of the previous page. The limit is taken as a string so that a
 * malformed one answers 400 {@code invalid-parameter} naming it; the cursor is read by its listing
 * ({@link Cursor#decode}), which knows its keys.
 */
public record PageRequest(@QueryParam("limit") String limitParameter, @QueryParam("cursor") String cursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    /** The page size asked for; 400 {@code invalid-parameter} when it is not a whole number from 1 to 200. */
    public int limit() {
        return QueryParams.intValue("limit", limitParameter, DEFAULT_LIMIT, 1, MAX_LIMIT);
    }
}
