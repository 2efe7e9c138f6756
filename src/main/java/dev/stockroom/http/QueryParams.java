package dev.stockroom.http;

import java.math.BigDecimal;

/**
 * Parses query parameters taken as strings, so that a malformed value answers 400 {@code invalid-parameter}
 * naming the parameter (JAX-RS' own conversion answers 404 for those).
 */
public final class QueryParams {

    private QueryParams() {
    }

    public static int intValue(String name, String value, int defaultValue, int min, int max) {
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw invalid(name, "must be a whole number from " + min + " to " + max);
    }

    public static BigDecimal decimal(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            BigDecimal parsed = new BigDecimal(value.trim());
            if (parsed.signum() >= 0 && parsed.precision() - parsed.scale() <= 12) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw invalid(name, "must be a non-negative decimal number such as 19.99");
    }

    public static String text(String name, String value, int maxLength) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > maxLength) {
            throw invalid(name, "must be at most " + maxLength + " characters");
        }
        if (value.indexOf('\u0000') >= 0) {
            throw invalid(name, "must not contain NUL characters");
        }
        return value;
    }

    public static ProblemException invalid(String name, String rule) {
        return Problem.of(400, "invalid-parameter")
                .detail("Query parameter '" + name + "' " + rule)
                .with("parameter", name)
                .exception();
    }
}
