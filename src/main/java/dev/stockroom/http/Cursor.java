package dev.stockroom.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * Opaque keyset cursors: the id of the last item of a page, tagged with what it pages over so that a cursor
 * of one listing is refused by another. Clients must treat them as opaque strings.
 */
public final class Cursor {

    private Cursor() {
    }

    public static String encode(String listing, UUID lastId) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((listing + ":" + lastId).getBytes(StandardCharsets.UTF_8));
    }

    /** The id in the cursor, null for no cursor; 400 {@code invalid-cursor} for one this API did not issue. */
    public static UUID decode(String listing, String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (decoded.startsWith(listing + ":")) {
                return UUID.fromString(decoded.substring(listing.length() + 1));
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        throw ProblemException.badRequest("invalid-cursor", "The cursor is not one this listing returned");
    }
}
