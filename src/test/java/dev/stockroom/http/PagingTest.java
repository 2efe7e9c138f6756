package dev.stockroom.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class PagingTest {

    @Test
    void aCursorReadsBackItsKey() {
        UUID id = UUID.randomUUID();
        assertEquals(id, Cursor.decode("products", Cursor.encode("products", id), UUID::fromString));
        assertEquals("acme:eu", Cursor.decode("tenants", Cursor.encode("tenants", "acme:eu"), slug -> slug));
        assertNull(Cursor.decode("products", null, UUID::fromString));
        assertNull(Cursor.decode("products", "", UUID::fromString));
    }

    @Test
    void aCursorKeepsItsFormat() {
        // Cached pages hold cursors issued before: the format must not change.
        UUID id = UUID.fromString("01a2b3c4-0000-4000-8000-000000000001");
        assertEquals(Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("products:" + id).getBytes(StandardCharsets.UTF_8)), Cursor.encode("products", id));
    }

    @Test
    void aCursorThisListingDidNotIssueIsInvalid() {
        assertInvalid("products", Cursor.encode("orders", UUID.randomUUID()), UUID::fromString);
        assertInvalid("products", Cursor.encode("products", "not-an-id"), UUID::fromString);
        assertInvalid("products", "not*base64", UUID::fromString);
        assertInvalid("tenants", "bm90LWEtY3Vyc29y", slug -> slug);
        assertInvalid("tenants", Cursor.encode("tenants", "a\u0000b"), slug -> slug);
    }

    private static void assertInvalid(String listing, String cursor, Function<String, ?> parseKey) {
        ProblemException invalid = assertThrows(ProblemException.class,
                () -> Cursor.decode(listing, cursor, parseKey), cursor);
        assertEquals(400, invalid.problem().status());
        assertEquals(Problem.type("invalid-cursor"), invalid.problem().type());
    }

    @Test
    void aSliceFetchesOneRowMoreThanItKeeps() {
        List<Integer> asked = new ArrayList<>();
        PageSlice<Integer> full = PageSlice.fetch(3, rows -> {
            asked.add(rows);
            return IntStream.range(0, rows).boxed().toList();
        });
        assertEquals(List.of(4), asked);
        assertEquals(List.of(0, 1, 2), full.items());
        assertTrue(full.hasMore());
        assertEquals("2", full.nextCursor(String::valueOf));

        PageSlice<String> last = PageSlice.fetch(3, rows -> List.of(7, 8, 9)).map(String::valueOf);
        assertEquals(List.of("7", "8", "9"), last.items());
        assertFalse(last.hasMore());
        assertNull(last.nextCursor(item -> item));
        assertNull(PageSlice.fetch(3, rows -> List.of()).nextCursor(String::valueOf));
    }

    @Test
    void aPageRequestValidatesItsLimit() {
        assertEquals(PageRequest.DEFAULT_LIMIT, new PageRequest(null, null).limit());
        assertEquals(PageRequest.DEFAULT_LIMIT, new PageRequest("", null).limit());
        assertEquals(200, new PageRequest("200", null).limit());
        for (String limit : List.of("0", "201", "ten", "-1")) {
            ProblemException invalid = assertThrows(ProblemException.class, () -> new PageRequest(limit, null).limit());
            assertEquals("limit", invalid.problem().extensions().get("parameter"));
        }
    }
}
