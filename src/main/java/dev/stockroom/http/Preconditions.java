package dev.stockroom.http;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * RFC 9110 preconditions on a versioned resource, evaluated in the order of section 13.2.2:
 * <ol>
 * <li>{@code If-Match}, strong comparison ({@code *} matches any current representation): false is 412;</li>
 * <li>otherwise {@code If-Unmodified-Since}: modified since is 412;</li>
 * <li>{@code If-None-Match}, weak comparison: a match is 304 for GET and HEAD, 412 otherwise;</li>
 * <li>otherwise, for GET and HEAD, {@code If-Modified-Since}: not modified since is 304.</li>
 * </ol>
 * A list of entity tags that is not valid (an unquoted tag, a stray quote) is answered 400
 * {@code invalid-precondition}, never read as a match; a date that is not an HTTP-date is ignored, as section
 * 13.1.3 and 13.1.4 say. JAX-RS' own evaluation was replaced because it compares {@code If-None-Match}
 * strongly and took an unquoted tag for a match.
 */
public final class Preconditions {

    /** IMF-fixdate, then the obsolete RFC 850 and asctime forms, which recipients must still accept. */
    private static final List<DateTimeFormatter> HTTP_DATES = List.of(
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US),
            new DateTimeFormatterBuilder().appendPattern("EEEE, dd-MMM-").appendValueReduced(ChronoField.YEAR, 2, 2, 1970)
                    .appendPattern(" HH:mm:ss 'GMT'").toFormatter(Locale.US),
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US));

    /** What the preconditions decide. */
    public enum Outcome { PROCEED, NOT_MODIFIED, FAILED }

    private Preconditions() {
    }

    /**
     * @param header   the request's header value by field name (null when absent; several fields joined by commas)
     * @param read     whether the method is GET or HEAD
     * @param modified the resource's last modification (compared in whole seconds, as HTTP dates are)
     */
    public static Outcome evaluate(Function<String, String> header, boolean read, String etag, Instant modified) {
        String ifMatch = header.apply("If-Match");
        Instant lastModified = modified.truncatedTo(ChronoUnit.SECONDS);
        if (ifMatch != null) {
            if (!matches(ifMatch, etag, false)) {
                return Outcome.FAILED;
            }
        } else {
            Instant unmodifiedSince = date(header.apply("If-Unmodified-Since"));
            if (unmodifiedSince != null && lastModified.isAfter(unmodifiedSince)) {
                return Outcome.FAILED;
            }
        }
        String ifNoneMatch = header.apply("If-None-Match");
        if (ifNoneMatch != null) {
            if (matches(ifNoneMatch, etag, true)) {
                return read ? Outcome.NOT_MODIFIED : Outcome.FAILED;
            }
        } else if (read) {
            Instant modifiedSince = date(header.apply("If-Modified-Since"));
            if (modifiedSince != null && !lastModified.isAfter(modifiedSince)) {
                return Outcome.NOT_MODIFIED;
            }
        }
        return Outcome.PROCEED;
    }

    /** Whether {@code field} ({@code *} or a list of entity tags) matches {@code etag}, a strong tag such as {@code "v3"}. */
    static boolean matches(String field, String etag, boolean weak) {
        if (field.trim().equals("*")) {
            return true;
        }
        for (String tag : entityTags(field)) {
            boolean tagIsWeak = tag.startsWith("W/");
            String opaque = tagIsWeak ? tag.substring(2) : tag;
            if ((weak || !tagIsWeak) && opaque.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** The entity tags of a list (RFC 9110, section 8.8.3); 400 {@code invalid-precondition} if it is not one. */
    static List<String> entityTags(String field) {
        List<String> tags = new ArrayList<>();
        int i = 0;
        int length = field.length();
        while (i < length) {
            char c = field.charAt(i);
            if (c == ' ' || c == '\t' || c == ',') {
                i++;
                continue;
            }
            int start = i;
            if (field.startsWith("W/", i)) {
                i += 2;
            }
            if (i >= length || field.charAt(i) != '"') {
                throw invalid(field);
            }
            int close = i + 1;
            while (close < length && isEtagChar(field.charAt(close))) {
                close++;
            }
            if (close >= length || field.charAt(close) != '"') {
                throw invalid(field);
            }
            tags.add(field.substring(start, close + 1));
            i = close + 1;
            while (i < length && (field.charAt(i) == ' ' || field.charAt(i) == '\t')) {
                i++;
            }
            if (i < length && field.charAt(i) != ',') {
                throw invalid(field); // tags are separated by commas
            }
        }
        if (tags.isEmpty()) {
            throw invalid(field);
        }
        return tags;
    }

    /** etagc = %x21 / %x23-7E / obs-text: visible characters but the double quote. */
    private static boolean isEtagChar(char c) {
        return c == 0x21 || (c >= 0x23 && c <= 0x7E) || (c >= 0x80 && c <= 0xFF);
    }

    /** An HTTP-date in any of its three forms (RFC 9110, section 5.6.7); null when it is none. */
    static Instant date(String value) {
        if (value == null) {
            return null;
        }
        for (DateTimeFormatter form : HTTP_DATES) {
            try {
                return LocalDateTime.parse(value.trim(), form).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                // the next form
            }
        }
        return null;
    }

    private static ProblemException invalid(String field) {
        return Problem.of(400, "invalid-precondition")
                .detail("Not a list of entity tags such as \"v3\" or W/\"v3\": " + printable(field)).exception();
    }

    private static String printable(String value) {
        String shown = value.length() > 100 ? value.substring(0, 100) + "..." : value;
        StringBuilder out = new StringBuilder(shown.length());
        for (char c : shown.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return out.toString();
    }
}
