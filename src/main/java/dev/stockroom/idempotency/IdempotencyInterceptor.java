package dev.stockroom.idempotency;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.stockroom.http.Problem;
import dev.stockroom.tenancy.TenantContext;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

/**
 * Applies {@link Idempotent}. Runs after the rate limiter (a replay costs a request like any other) and
 * before the method's own transactions, which join the one opened here: the write and its stored response
 * commit together or not at all. Only responses of methods that return normally are stored; a request that
 * fails (a problem answer) leaves nothing behind, and its retry runs afresh.
 */
@Idempotent
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 150)
public class IdempotencyInterceptor {

    private final IdempotentExecution execution;
    private final IdempotencyRecords records;
    private final TenantContext tenant;
    private final CurrentVertxRequest request;
    private final ObjectMapper json;
    private final ObjectMapper canonicalJson;

    IdempotencyInterceptor(IdempotentExecution execution, IdempotencyRecords records, TenantContext tenant,
            CurrentVertxRequest request, ObjectMapper json) {
        this.execution = execution;
        this.records = records;
        this.tenant = tenant;
        this.request = request;
        this.json = json;
        // Equal requests give equal fingerprints whatever the order of their members.
        this.canonicalJson = json.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
        canonicalJson.setConfig(canonicalJson.getSerializationConfig().with(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY));
    }

    @AroundInvoke
    Object once(InvocationContext invocation) throws Exception {
        List<String> headers = request.getCurrent().request().headers().getAll(Idempotent.KEY_HEADER);
        if (headers.isEmpty()) {
            return invocation.proceed();
        }
        Method method = invocation.getMethod();
        if (method.getReturnType() != RestResponse.class) {
            throw new IllegalStateException("@Idempotent " + method + " must return RestResponse<T>");
        }
        IdempotencyKey key = IdempotencyKey.parse(headers);
        UUID tenantId = tenant.requireTenantId();
        String fingerprint = fingerprint(invocation);
        return execution.inOwnTransaction(() -> {
            if (!records.tryLock(tenantId, key)) {
                throw Problem.of(409, "idempotency-key-in-use")
                        .detail("A request with this Idempotency-Key is in progress; retry after it completes")
                        .exception();
            }
            Optional<StoredResponse> stored = records.find(tenantId, key);
            if (stored.isPresent()) {
                return replay(method, stored.get(), fingerprint);
            }
            RestResponse<?> response = (RestResponse<?>) invocation.proceed();
            records.save(tenantId, key, new StoredResponse(fingerprint, response.getStatus(),
                    response.getStringHeaders(), json.writeValueAsString(response.getEntity())));
            return response;
        });
    }

    private RestResponse<Object> replay(Method method, StoredResponse stored, String fingerprint) throws Exception {
        if (!stored.fingerprint().equals(fingerprint)) {
            throw Problem.of(422, "idempotency-key-reused")
                    .detail("This Idempotency-Key was used with another request; use a new key for a new request")
                    .exception();
        }
        JavaType entityType = json.getTypeFactory().constructType(entityType(method));
        RestResponse.ResponseBuilder<Object> replay = RestResponse.ResponseBuilder.create(stored.status());
        stored.headers().forEach((name, values) -> values.forEach(value -> replay.header(name, value)));
        return replay.header(Idempotent.REPLAYED_HEADER, "true").entity(json.readValue(stored.body(), entityType)).build();
    }

    private static Type entityType(Method method) {
        return ((ParameterizedType) method.getGenericReturnType()).getActualTypeArguments()[0];
    }

    /** The method and its arguments (the body and path parameters; not JAX-RS context objects), hashed. */
    private String fingerprint(InvocationContext invocation) throws Exception {
        List<Object> arguments = new ArrayList<>();
        for (Object argument : invocation.getParameters()) {
            if (argument != null && !argument.getClass().getName().startsWith("org.jboss.resteasy")) {
                arguments.add(argument);
            }
        }
        Method method = invocation.getMethod();
        String request = method.getDeclaringClass().getName() + "#" + method.getName() + "\n"
                + canonicalJson.writeValueAsString(arguments);
        return HexFormat.of().formatHex(sha256(request.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }
}
