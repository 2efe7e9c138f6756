package dev.stockroom.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.RestAssuredRequest;
import com.atlassian.oai.validator.restassured.RestAssuredResponse;

import io.restassured.RestAssured;
import io.restassured.authentication.PreemptiveOAuth2HeaderScheme;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Checks every request a test sends and every response it gets against the running service's OpenAPI
 * document ({@code /q/openapi}, read once), so that the document is proven by the whole suite: an undocumented
 * status, header value or body off its schema fails the test that met it. Installed for every test by
 * {@link OpenApiValidationCallback}.
 * <p>
 * A test that sends a deliberately invalid request (broken JSON, a missing credential, an out-of-range
 * parameter) adds {@link #invalidRequest()} to it: its request is not checked, its response still is.
 * Not checked at all: the service's own endpoints under {@code /q/} and the test-only ones under
 * {@code /test/}, which the document leaves out; {@code OPTIONS} and {@code HEAD}, which OpenAPI leaves to
 * HTTP (HEAD answers GET's header fields without a body); and 405 answers to methods a path does not take,
 * which no operation can describe. {@code HttpSemanticsTest} checks those three against RFC 9110.
 */
public final class OpenApiValidation implements Filter {

    private static final Set<String> OUTSIDE_THE_DOCUMENT = Set.of("/q/", "/test/");
    private static final Set<String> UNDOCUMENTED_METHODS = Set.of("OPTIONS", "HEAD");
    private static final String REQUEST_MESSAGES = "validation.request.";

    static final OpenApiValidation INSTANCE = new OpenApiValidation();

    private static volatile OpenApiInteractionValidator validator;

    private OpenApiValidation() {
    }

    /** Marks a request as deliberately invalid: only its response is checked against the document. */
    public static Filter invalidRequest() {
        return InvalidRequest.MARKER;
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
            FilterContext context) {
        sendTokenAsHeader(request);
        Response response = context.next(request, responseSpec);
        String path = URI.create(request.getURI()).getRawPath();
        if (OUTSIDE_THE_DOCUMENT.stream().anyMatch(path::startsWith) || UNDOCUMENTED_METHODS.contains(request.getMethod())
                || response.statusCode() == 405) {
            return response;
        }
        boolean checkRequest = request.getDefinedFilters().stream().noneMatch(InvalidRequest.class::isInstance);
        List<ValidationReport.Message> errors = mismatches(validator(request), RestAssuredRequest.of(request),
                received(response), checkRequest);
        if (!errors.isEmpty()) {
            failed("The exchange does not match the OpenAPI document: " + request.getMethod() + " "
                    + path + " answered " + response.statusCode() + " (sent from " + sender() + ")\n"
                    + errors.stream().map(m -> "  " + m.getKey() + ": " + m.getMessage() + context(m))
                            .collect(Collectors.joining("\n"))
                    + "\n  body: " + abbreviated(response.asString()));
        }
        return response;
    }

    /**
     * The response as the validator reads it. A test that turns RestAssured's decoders off (to see the body's
     * length as sent) holds the gzip bytes: they are inflated here, so that the body is still checked against
     * its schema.
     */
    private static com.atlassian.oai.validator.model.Response received(Response response) {
        byte[] body = response.asByteArray();
        boolean stillGzipped = body.length > 2 && body[0] == (byte) 0x1f && body[1] == (byte) 0x8b;
        if (!"gzip".equalsIgnoreCase(response.getHeader("Content-Encoding")) || !stillGzipped) {
            return RestAssuredResponse.of(response);
        }
        SimpleResponse.Builder inflated = SimpleResponse.Builder.status(response.statusCode());
        response.getHeaders().forEach(header -> inflated.withHeader(header.getName(), header.getValue()));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return inflated.withBody(in.readAllBytes()).build();
        } catch (IOException e) {
            throw new AssertionError("A gzip body that does not inflate", e);
        }
    }

    /**
     * Fails the test; with {@code -Dstockroom.openapi.report=<file>}, appends the mismatch to the file instead,
     * to list every mismatch of a run at once.
     */
    private static void failed(String mismatch) {
        String report = System.getProperty("stockroom.openapi.report");
        if (report == null) {
            throw new AssertionError(mismatch);
        }
        try {
            Files.writeString(Path.of(report), mismatch + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The errors of an exchange: of the response, and of the request unless it is deliberately invalid. */
    static List<ValidationReport.Message> mismatches(OpenApiInteractionValidator validator, Request sent,
            com.atlassian.oai.validator.model.Response received, boolean checkRequest) {
        ValidationReport report = validator.validateResponse(sent.getPath(), sent.getMethod(), received);
        if (checkRequest) {
            report = validator.validateRequest(sent).merge(report);
        }
        return report.getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .filter(message -> checkRequest || !message.getKey().startsWith(REQUEST_MESSAGES))
                .toList();
    }

    /**
     * RestAssured adds the header of {@code auth().oauth2(token)} after the filters, where the validator cannot
     * see it; the same header, added here, is what is sent either way.
     */
    private static void sendTokenAsHeader(FilterableRequestSpecification request) {
        if (request.getAuthenticationScheme() instanceof PreemptiveOAuth2HeaderScheme oauth2) {
            request.auth().none().header("Authorization", "Bearer " + oauth2.getAccessToken());
        }
    }

    /** The test code that sent the request: its first frame outside RestAssured and this package. */
    private static String sender() {
        return StackWalker.getInstance().walk(frames -> frames
                .filter(f -> f.getClassName().startsWith("dev.stockroom.")
                        && !f.getClassName().startsWith(OpenApiValidation.class.getPackageName() + "."))
                .findFirst().map(f -> f.getClassName() + "." + f.getMethodName() + ":" + f.getLineNumber())
                .orElse("?"));
    }

    private static String context(ValidationReport.Message message) {
        return message.getAdditionalInfo().isEmpty() ? "" : " " + message.getAdditionalInfo();
    }

    private static String abbreviated(String body) {
        return body.length() > 500 ? body.substring(0, 500) + "…" : body;
    }

    /** The document of the service under test, read once, with a plain client (not through this filter). */
    static OpenApiInteractionValidator validator(FilterableRequestSpecification request) {
        return validator(URI.create(request.getURI()));
    }

    static OpenApiInteractionValidator validator(URI service) {
        if (validator == null) {
            synchronized (OpenApiValidation.class) {
                if (validator == null) {
                    validator = OpenApiInteractionValidator
                            .createForInlineApiSpecification(document(service.getScheme() + "://" + service.getAuthority()))
                            .build();
                }
            }
        }
        return validator;
    }

    private static String document(String base) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(base + "/q/openapi?format=json")).timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("/q/openapi answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("Could not read the OpenAPI document from " + base, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Installs the filter for every request RestAssured sends from now on; idempotent. */
    static void install() {
        if (!RestAssured.filters().contains(INSTANCE)) {
            RestAssured.filters(INSTANCE);
        }
    }

    /** The marker: does nothing itself. */
    private enum InvalidRequest implements Filter {
        MARKER;

        @Override
        public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
                FilterContext context) {
            return context.next(request, response);
        }
    }
}
