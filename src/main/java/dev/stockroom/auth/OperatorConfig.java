package dev.stockroom.auth;

import io.smallrye.config.ConfigMapping;

/** The platform operator's credential. */
@ConfigMapping(prefix = "stockroom.admin")
public interface OperatorConfig {

    /**
     * The bearer token that authenticates the operator on {@code /admin} (env {@code STOCKROOM_ADMIN_TOKEN}).
     * Dev and test profiles have a fixed one; production has none and refuses to start without it.
     */
    String token();
}
