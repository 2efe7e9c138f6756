package dev.stockroom.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.enterprise.context.ApplicationScoped;

import dev.stockroom.apikey.ApiKeySecrets;
import dev.stockroom.apikey.ApiKeyVerifier;
import dev.stockroom.apikey.VerifiedKey;
import dev.stockroom.ratelimit.AuthFailureThrottle;
import dev.stockroom.ratelimit.ClientAddress;
import dev.stockroom.tenancy.Roles;
import dev.stockroom.tenancy.TenantCaller;
import dev.stockroom.tenancy.TenantContextFilter;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;

/**
 * Turns a bearer credential into an identity: the operator token gives the {@code operator} role, an API key
 * gives its role's capabilities plus the tenant it acts for (read by {@link TenantContextFilter}).
 */
@ApplicationScoped
public class CredentialIdentityProvider implements IdentityProvider<ApiCredentialRequest> {

    private final byte[] operatorToken;
    private final ApiKeyVerifier verifier;
    private final AuthFailureThrottle throttle;

    CredentialIdentityProvider(OperatorConfig operator, ApiKeyVerifier verifier, AuthFailureThrottle throttle) {
        this.operatorToken = operator.token().getBytes(StandardCharsets.UTF_8);
        this.verifier = verifier;
        this.throttle = throttle;
    }

    @Override
    public Class<ApiCredentialRequest> getRequestType() {
        return ApiCredentialRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiCredentialRequest request, AuthenticationRequestContext context) {
        String credential = request.credential();
        // An address that has used up its failures gets no evaluation at all (AuthenticationProblems
        // answers 429): neither a key lookup nor a comparison that could tell it a guess was right.
        if (throttle.refuses(ClientAddress.of(HttpSecurityUtils.getRoutingContextAttribute(request)))) {
            return Uni.createFrom().failure(new AuthenticationFailedException("Too many failed authentications"));
        }
        if (MessageDigest.isEqual(operatorToken, credential.getBytes(StandardCharsets.UTF_8))) {
            return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal("operator"))
                    .addRole(Roles.OPERATOR)
                    .build());
        }
        if (verifier.remembers(credential)) {
            // Known prefix: verification is in memory, no need to leave the event loop.
            return Uni.createFrom().item(() -> identity(credential));
        }
        return context.runBlocking(() -> identity(credential));
    }

    private SecurityIdentity identity(String credential) {
        VerifiedKey key = verifier.verify(credential)
                .orElseThrow(() -> new AuthenticationFailedException("Unknown, revoked or expired API key"));
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(key.keyId().toString()))
                .addRoles(key.role().capabilities())
                .addAttribute(TenantContextFilter.CALLER,
                        new TenantCaller(key.tenantId(), key.plan(), key.keyId(),
                        ApiKeySecrets.randomPartOf(key.prefix()), key.role().name()))
                .addAttribute(TenantContextFilter.STATUS, key.tenantStatus())
                .build();
    }
}
