package dev.stockroom.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The methods each path of the API allows, read from the OpenAPI document Quarkus generates at build time
 * (the same one {@code /q/openapi} serves, so the two cannot disagree). Quarkus REST answers {@code OPTIONS}
 * with every method of a resource class, including those of other paths, answers a 405 with an empty
 * {@code Allow}, and routes {@code GET /products/batch} to {@code /products/{id}} (a 404). Here, ahead of
 * routing, {@code OPTIONS} on a path of the API answers 204 with that path's methods, and any other method the
 * path does not allow answers a 405 problem naming them (RFC 9110, sections 9.3.7 and 15.5.6). A literal path
 * wins over a template, as in JAX-RS.
 */
@ApplicationScoped
public class AllowedMethods {

    static final String DOCUMENT = "META-INF/quarkus-generated-openapi-doc.JSON";
    /** Routing-context key of the API path template a request matched, for {@link #templateOf}. */
    private static final String TEMPLATE = "stockroom.path-template";
    private static final Set<String> METHODS = Set.of("GET", "PUT", "POST", "DELETE", "PATCH");
    private static final Pattern PARAMETER = Pattern.compile("\\{[^}/]+}");

    /**
     * A path template of the API split at its slashes, a parameter segment as null; matched segment by
     * segment rather than by a regular expression per template, since every request is matched.
     */
    private record PathMethods(String template, String[] segments, int literalLength, Set<String> methods,
            String allow) {

        boolean matches(String[] path) {
            if (path.length != segments.length) {
                return false;
            }
            for (int i = 0; i < path.length; i++) {
                if (segments[i] == null ? path[i].isEmpty() : !segments[i].equals(path[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<PathMethods> paths;
    private final ObjectMapper json;

    AllowedMethods(ObjectMapper json) {
        this.json = json;
        this.paths = read(json);
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 2).handler(context -> {
            Optional<PathMethods> path = match(context.normalizedPath());
            String method = context.request().method().name();
            if (path.isEmpty()) {
                context.next();
            } else if (path.get().methods().contains(method) && context.request().method() != HttpMethod.OPTIONS) {
                context.put(TEMPLATE, path.get().template());
                context.next();
            } else if (context.request().method() == HttpMethod.OPTIONS) {
                context.response().setStatusCode(204).putHeader(HttpHeaderNames.ALLOW, path.get().allow()).end();
            } else {
                Problem problem = Problem.of(405, "method-not-allowed").detail("This resource does not support " + method)
                        .build().withInstance(Problem.instance(context.request().path()));
                try {
                    context.response().setStatusCode(405).putHeader(HttpHeaderNames.ALLOW, path.get().allow())
                            .putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE).end(json.writeValueAsString(problem));
                } catch (JsonProcessingException e) {
                    context.fail(e);
                }
            }
        });
    }

    /**
     * The API path template (as the OpenAPI document writes it) of a request that one of its methods may be
     * made on, or null: set ahead of every other route of the API.
     */
    public static String templateOf(RoutingContext context) {
        return context.get(TEMPLATE);
    }

    /** The {@code Allow} value of a path of the API, or empty when the API has no such path. */
    public Optional<String> allowFor(String path) {
        return match(path).map(PathMethods::allow);
    }

    private Optional<PathMethods> match(String path) {
        String[] segments = path.split("/", -1);
        for (PathMethods candidate : paths) {
            if (candidate.matches(segments)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static List<PathMethods> read(ObjectMapper json) {
        JsonNode document;
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is missing: Quarkus writes it at build time");
            }
            document = json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<PathMethods> paths = new ArrayList<>();
        for (Iterator<String> names = document.path("paths").fieldNames(); names.hasNext();) {
            String template = names.next();
            Set<String> allowed = new TreeSet<>();
            document.path("paths").path(template).fieldNames().forEachRemaining(method -> {
                String upper = method.toUpperCase(Locale.ROOT);
                if (METHODS.contains(upper)) {
                    allowed.add(upper);
                }
            });
            if (allowed.contains("GET")) {
                allowed.add("HEAD");
            }
            allowed.add("OPTIONS");
            paths.add(new PathMethods(template, segments(template), PARAMETER.matcher(template).replaceAll("").length(),
                    Set.copyOf(allowed), String.join(", ", allowed)));
        }
        paths.sort(Comparator.comparingInt(PathMethods::literalLength).reversed());
        return List.copyOf(paths);
    }

    private static String[] segments(String template) {
        String[] segments = template.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (PARAMETER.matcher(segments[i]).matches()) {
                segments[i] = null;
            } else if (segments[i].indexOf('{') >= 0) {
                throw new IllegalStateException("A path parameter must be a whole segment: " + template);
            }
        }
        return segments;
    }
}
