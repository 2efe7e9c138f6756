package dev.stockroom.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.random.RandomGenerator;

/**
 * The key format and its hashing. A key reads {@code sr_<prefix>_<secret>}: the prefix (10 characters) is
 * stored in clear to find the key and to show it in listings, the secret (43 characters, 256 bits) exists
 * only in the caller's hands. We store SHA-256 of the whole key: the secret is random and long, so a slow
 * password hash would add latency to every request without adding safety.
 * <p>
 * The source of randomness is the caller's: a static {@code SecureRandom} here would be created while the
 * native image is built and its seed baked into every binary.
 */
public final class ApiKeySecrets {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int PREFIX_LENGTH = 10;
    private static final int SECRET_LENGTH = 43;

    private ApiKeySecrets() {
    }

    /** A new key with its display prefix, drawn from {@code random} (a {@code SecureRandom}). */
    public static NewKey generate(RandomGenerator random) {
        String prefix = "sr_" + random(random, PREFIX_LENGTH);
        return new NewKey(prefix + "_" + random(random, SECRET_LENGTH), prefix);
    }

    /** {@code sr_}, 10 letters or digits, {@code _}, 43 letters or digits; checked on every request, so by hand. */
    public static boolean looksLikeKey(String candidate) {
        if (candidate == null || candidate.length() != 3 + PREFIX_LENGTH + 1 + SECRET_LENGTH
                || !candidate.startsWith("sr_") || candidate.charAt(3 + PREFIX_LENGTH) != '_') {
            return false;
        }
        for (int i = 3; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            boolean alphanumeric = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
            if (!alphanumeric && i != 3 + PREFIX_LENGTH) {
                return false;
            }
        }
        return true;
    }

    /** The display prefix of a well-formed key ({@code sr_} and ten characters). */
    public static String prefixOf(String key) {
        return key.substring(0, 3 + PREFIX_LENGTH);
    }

    /** {@code sr_AbCdEfGhIj} → {@code AbCdEfGhIj}: unique per key, short enough for Redis keys. */
    public static String randomPartOf(String prefix) {
        return prefix.substring(3);
    }

    public static byte[] hash(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** Compares in time independent of where the hashes differ. */
    public static boolean matches(String key, byte[] storedHash) {
        return MessageDigest.isEqual(hash(key), storedHash);
    }

    private static String random(RandomGenerator random, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }

    public record NewKey(String key, String prefix) {
    }
}
