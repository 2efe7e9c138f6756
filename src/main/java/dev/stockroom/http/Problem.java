package dev.stockroom.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An RFC 9457 problem details body. {@code type} is a stable URI per kind of problem, clients branch on it;
 * {@code extensions} carry members specific to a type (failing fields, the violated policy, ...). Every
 * problem is built by {@link #of}; the exception mappers ({@link ProblemMappers}) answer with it, and
 * {@link BodyLimitProblem} writes it with the same ObjectMapper before a request reaches REST.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "type", "title", "status", "detail", "instance" })
public record Problem(URI type, String title, int status, String detail, String instance,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_BASE = "https://stockroom.dev/problems/";
    /** Unreserved, sub-delims, ':', '@' and '/' (RFC 3986): what a path may hold unescaped. */
    private static final String URI_CHARACTERS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    public static URI type(String slug) {
        return URI.create(TYPE_BASE + slug);
    }

    public Problem withInstance(String instance) {
        return new Problem(type, title, status, detail, instance, extensions);
    }

    /**
     * A request's raw path as a valid URI reference for {@code instance}: every character a URI may not hold
     * (raw bytes of the request line arrive as chars up to 0xFF, and spaces, quotes, ...) and every {@code %}
     * that does not start an escape are percent-encoded; a valid path is returned as it is.
     */
    public static String instance(String rawPath) {
        if (rawPath == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(rawPath.length() + 8);
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            boolean escape = c == '%' && i + 2 < rawPath.length() && isHex(rawPath.charAt(i + 1)) && isHex(rawPath.charAt(i + 2));
            if (escape || (c < 0x80 && URI_CHARACTERS.indexOf(c) >= 0)) {
                out.append(c);
            } else if (c <= 0xFF) {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            } else {
                for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
                }
            }
        }
        return out.toString();
    }


    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    @JsonAnyGetter
    public Map<String, Object> extensions() {
        return extensions == null ? Map.of() : extensions;
    }

    /**
     * The one way to build a problem: {@code slug} names its type, e.g. {@code out-of-stock}, and the title is
     * the status's reason phrase ({@link #title(int)}).
     */
    public static Builder of(int status, String slug) {
        return new Builder(status, slug, title(status));
    }

    /**
     * The reason phrase of an error status as RFC 9110 (section 15) names it, e.g. 404 "Not Found", 413
     * "Content Too Large", 422 "Unprocessable Content"; those of RFC 6585 for 428, 429, 431 and 511. Written
     * out because Jakarta REST's {@code Response.Status} still has RFC 2616's phrases (413 "Request Entity
     * Too Large") and no 422.
     */
    public static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 402 -> "Payment Required";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 407 -> "Proxy Authentication Required";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 411 -> "Length Required";
            case 412 -> "Precondition Failed";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 416 -> "Range Not Satisfiable";
            case 417 -> "Expectation Failed";
            case 421 -> "Misdirected Request";
            case 422 -> "Unprocessable Content";
            case 426 -> "Upgrade Required";
            case 428 -> "Precondition Required";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 505 -> "HTTP Version Not Supported";
            case 511 -> "Network Authentication Required";
            default -> status >= 500 ? "Server Error" : "Error";
        };
    }

    public static final class Builder {
        private final int status;
        private final String slug;
        private final String title;
        private String detail;
        private final Map<String, Object> extensions = new LinkedHashMap<>();

        private Builder(int status, String slug, String title) {
            this.status = status;
            this.slug = slug;
            this.title = title;
        }

        public Builder detail(String detail) {
            this.detail = detail;
            return this;
        }

        public Builder with(String member, Object value) {
            extensions.put(member, value);
            return this;
        }

        public Problem build() {
            return new Problem(type(slug), title, status, detail, null, Map.copyOf(extensions));
        }

        public ProblemException exception() {
            return new ProblemException(build());
        }
    }
}
