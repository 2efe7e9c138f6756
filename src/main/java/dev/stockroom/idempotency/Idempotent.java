package dev.stockroom.idempotency;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * Makes a write resource method idempotent under the {@code Idempotency-Key} request header (IETF httpapi
 * draft "The Idempotency-Key HTTP Header Field"). With the header, the method runs in a transaction of its
 * own that also stores its response for the tenant and key; a retry with the same key and the same request
 * replays that response, marked {@code Idempotent-Replayed: true}, without running the method. The same key
 * with another request answers 422 {@code idempotency-key-reused}; while the first is in flight, 409
 * {@code idempotency-key-in-use}. Without the header, nothing changes.
 * <p>
 * The method must return {@code RestResponse<T>}, so that a replay can carry the stored status and headers.
 */
@InterceptorBinding
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface Idempotent {

    /** The request header. */
    String KEY_HEADER = "Idempotency-Key";

    /** The response header that marks a replay (as Stripe names it; the draft defines none). */
    String REPLAYED_HEADER = "Idempotent-Replayed";
}
