package dev.stockroom.cache;

/**
 * What one invalidation concerns: a generation field, whose bump purges every entry stored under it in O(1),
 * or one entry, by its key. On the invalidation bus it travels as text: the field itself, or {@code e:} and
 * the entry key (no generation field starts with {@code e:}).
 */
record InvalidationScope(Kind kind, String value) {

    enum Kind {
        GENERATION, ENTRY
    }

    private static final String ENTRY_PREFIX = "e:";

    static InvalidationScope generation(String field) {
        return new InvalidationScope(Kind.GENERATION, field);
    }

    static InvalidationScope entry(String entryKey) {
        return new InvalidationScope(Kind.ENTRY, entryKey);
    }

    String encoded() {
        return kind == Kind.ENTRY ? ENTRY_PREFIX + value : value;
    }

    static InvalidationScope decode(String encoded) {
        return encoded.startsWith(ENTRY_PREFIX) ? entry(encoded.substring(ENTRY_PREFIX.length()))
                : generation(encoded);
    }
}
