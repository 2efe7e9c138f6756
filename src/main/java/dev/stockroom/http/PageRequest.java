package dev.stockroom.http;

import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The paging query parameters of a keyset listing, taken with {@code @BeanParam}: {@code limit} (1–200,
 * default 50) and the opaque {@code cursor} of the previous page. The limit is taken as a string so that a
 * malformed one answers 400 {@code invalid-parameter} naming it; the cursor is read by its listing
 * ({@link Cursor#decode}), which knows its keys.
 */
public record PageRequest(
        @Parameter(description = "Page size", schema = @Schema(type = SchemaType.INTEGER, format = "int32",
                minimum = "1", maximum = "200", defaultValue = "50")) @QueryParam("limit") String limitParameter,
        @Parameter(description = "The `nextCursor` of the previous page; absent for the first page")
        @QueryParam("cursor") String cursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    /** The page size asked for; 400 {@code invalid-parameter} when it is not a whole number from 1 to 200. */
    public int limit() {
        return QueryParams.intValue("limit", limitParameter, DEFAULT_LIMIT, 1, MAX_LIMIT);
    }
}
