package dev.stockroom.http;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An RFC 9457 problem details body. {@code type} is a stable URI per kind of problem, clients branch on it;
 * {@code extensions} carry members specific to a type (failing fields, the violated policy, ...).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "type", "title", "status", "detail", "instance" })
public record Problem(URI type, String title, int status, String detail, String instance,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_BASE = "https://stockroom.dev/problems/";

    public static URI type(String slug) {
        return URI.create(TYPE_BASE + slug);
    }

    public Problem withInstance(String instance) {
        return new Problem(type, title, status, detail, instance, extensions);
    }

    @JsonAnyGetter
    public Map<String, Object> extensions() {
        return extensions == null ? Map.of() : extensions;
    }

    /** Builds a problem of the given kind: {@code slug} names the type, e.g. {@code out-of-stock}. */
    public static Builder of(int status, String slug, String title) {
        return new Builder(status, slug, title);
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
