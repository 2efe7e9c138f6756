package dev.stockroom.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

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
    private static final Pattern FORMAT = Pattern.compile("sr_[A-Za-z0-9]{10}_[A-Za-z0-9]{43}");

    private ApiKeySecrets() {
    }

    /** A new key with its display prefix, drawn from {@code random} (a {@code SecureRandom}). */
    public static NewKey generate(RandomGenerator random) {
        String prefix = "sr_" + random(random, PREFIX_LENGTH);
        return new NewKey(prefix + "_" + random(random, SECRET_LENGTH), prefix);
    }

    public static boolean looksLikeKey(String candidate) {
        return candidate != null && FORMAT.matcher(candidate).matches();
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
