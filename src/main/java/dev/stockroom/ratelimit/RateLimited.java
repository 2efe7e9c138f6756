package dev.stockroom.ratelimit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;


/**
 * Limits how often a resource method (or every method of a resource class) may be called; applied by
 * {@link RateLimitFilter}.
 * <p>
 * The policy is, in order: the method's annotation, the class's annotation, then
 * {@code stockroom.rate-limit.default-policy}. A policy is named ({@code policy = "orders-create"},
 * configured under {@code stockroom.rate-limit.policies."orders-create".*}) or inline
 * ({@code limit = 10, window = "1m"}, named after the method in headers and metrics). Several named
 * policies ({@code policy = {"burst", "sustained"}}) are checked at once: a request is admitted and counted
 * only if all admit it. Limits scale by the tenant's plan and the key's role.
 * <p>
 * Every admitted response carries {@code RateLimit-Policy}, {@code RateLimit} and
 * {@code X-RateLimit-Limit/Remaining/Reset}; a rejected one is 429 with {@code Retry-After}.
 */
@Inherited
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface RateLimited {

    /** Named policies; empty means the inline limit, or the default policy when there is none. */
    String[] policy() default {};

    /** An inline limit: requests per {@link #window()}; 0 means none. */
    int limit() default 0;

    /** The window of an inline limit, as a duration ({@code 1m}, {@code 30s}, {@code PT1H}). */
    String window() default "1m";
}
