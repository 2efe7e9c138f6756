package dev.stockroom.ratelimit;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Applies {@link RateLimited}: {@link RequestAdmission} decides before the method runs, and throws when the
 * request may not run it. Runs before transactions start, so a rejected request costs no database work.
 */
@RateLimited
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class RateLimitInterceptor {

    private final RequestAdmission admission;

    RateLimitInterceptor(RequestAdmission admission) {
        this.admission = admission;
    }

    @AroundInvoke
    Object limit(InvocationContext invocation) throws Exception {
        admission.admit(invocation.getMethod(), invocation.getInterceptorBinding(RateLimited.class));
        return invocation.proceed();
    }
}
