package dev.stockroom.apikey;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ApiKeySecretsTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void generatedKeysHaveTheDocumentedFormatAndPrefix() {
        ApiKeySecrets.NewKey key = ApiKeySecrets.generate(random);
        assertTrue(key.key().matches("sr_[A-Za-z0-9]{10}_[A-Za-z0-9]{43}"), key.key());
        assertEquals(key.prefix(), ApiKeySecrets.prefixOf(key.key()));
        assertTrue(ApiKeySecrets.looksLikeKey(key.key()));
    }

    @Test
    void keysAreUnique() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertTrue(seen.add(ApiKeySecrets.generate(random).key()));
        }
    }

    @Test
    void hashIsSha256AndMatchesOnlyTheSameKey() {
        String key = ApiKeySecrets.generate(random).key();
        byte[] hash = ApiKeySecrets.hash(key);
        assertEquals(32, hash.length);
        assertArrayEquals(hash, ApiKeySecrets.hash(key));
        assertTrue(ApiKeySecrets.matches(key, hash));
        String other = key.substring(0, key.length() - 1) + (key.endsWith("a") ? "b" : "a");
        assertFalse(ApiKeySecrets.matches(other, hash));
        assertNotEquals(key, other);
    }

    @Test
    void malformedCandidatesAreNotKeys() {
        for (String candidate : new String[] { null, "", "sr_", "sr_short_secret", "xx_abcdefghij_" + "a".repeat(43),
                "sr_abcdefghij_" + "a".repeat(42), "sr_abcdefghij_" + "a".repeat(43) + "\n", "sr_abc*efghij_" + "a".repeat(43),
                "sr_abcdefghi__" + "a".repeat(43), "sr_abcdefghij_" + "a".repeat(42) + "_", "sr_abcdefghijk" + "a".repeat(43),
                "sr_abcdéfghij_" + "a".repeat(43), "sr_abcdefghij_" + "a".repeat(42) + "٣", "SR_abcdefghij_" + "a".repeat(43),
                "sr_abcdefghij_" + "a".repeat(42) + " " }) {
            assertFalse(ApiKeySecrets.looksLikeKey(candidate), String.valueOf(candidate));
        }
        assertTrue(ApiKeySecrets.looksLikeKey("sr_AZaz09Qq1x_" + "Zz09".repeat(10) + "aZ9"));
    }
}
