package dev.stockroom.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Function;

/**
 * The one codec of opaque keyset cursors: the key of the last item of a page (an id, a slug), tagged with the
 * listing it pages over so that a cursor of one listing is refused by another, in base64url. Clients must
 * treat them as opaque strings.
 */
public final class Cursor {

    private Cursor() {
    }

    /** The cursor after the item with this key; {@code key}'s string form is what {@link #decode} reads back. */
    public static String encode(String listing, Object key) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((listing + ":" + key).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The key in the cursor, read by {@code parseKey} (which throws {@link IllegalArgumentException} for a
     * malformed key); null for no cursor (absent or empty); 400 {@code invalid-cursor} for one this listing
     * did not issue.
     */
    public static <K> K decode(String listing, String cursor, Function<String, K> parseKey) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String tag = listing + ":";
            if (decoded.startsWith(tag) && decoded.indexOf('\u0000') < 0) {
                return parseKey.apply(decoded.substring(tag.length()));
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        throw ProblemException.badRequest("invalid-cursor", "The cursor is not one this listing returned");
    }
}
