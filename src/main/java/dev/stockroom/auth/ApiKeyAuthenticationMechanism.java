package dev.stockroom.auth;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads the credential from {@code Authorization: Bearer <credential>} or {@code X-API-Key: <credential>}
 * and hands it to {@link CredentialIdentityProvider}. No credential means an anonymous request; a repeated
 * or malformed header is a failed authentication, never a guess about which value was meant.
 */
@ApplicationScoped
public class ApiKeyAuthenticationMechanism implements HttpAuthenticationMechanism {

    static final String API_KEY_HEADER = "X-API-Key";
    /** The {@code WWW-Authenticate} challenge of every 401, whichever code answers it. */
    static final String CHALLENGE = "Bearer realm=\"stockroom\"";
    private static final String BEARER = "Bearer ";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String credential;
        try {
            credential = credential(context.request().headers().getAll(HttpHeaderNames.AUTHORIZATION),
                    context.request().headers().getAll(API_KEY_HEADER));
        } catch (AuthenticationFailedException e) {
            return Uni.createFrom().failure(e);
        }
        if (credential == null) {
            return Uni.createFrom().optional(Optional.empty());
        }
        ApiCredentialRequest request = new ApiCredentialRequest(credential);
        HttpSecurityUtils.setRoutingContextAttribute(request, context);
        return identityProviderManager.authenticate(request);
    }

    /** The one credential a request carries, null for none. */
    static String credential(List<String> authorization, List<String> apiKey) {
        if (authorization.size() > 1 || apiKey.size() > 1) {
            throw new AuthenticationFailedException("Repeated credential header");
        }
        String bearer = null;
        if (authorization.size() == 1) {
            String value = authorization.get(0);
            if (!value.regionMatches(true, 0, BEARER, 0, BEARER.length()) || value.length() == BEARER.length()) {
                throw new AuthenticationFailedException("Unsupported Authorization scheme");
            }
            bearer = value.substring(BEARER.length()).trim();
        }
        String key = apiKey.size() == 1 ? apiKey.get(0).trim() : null;
        if (bearer != null && key != null && !bearer.equals(key)) {
            throw new AuthenticationFailedException("Two different credentials");
        }
        String credential = bearer != null ? bearer : key;
        if (credential != null && credential.isEmpty()) {
            throw new AuthenticationFailedException("Empty credential");
        }
        return credential;
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(HttpResponseStatus.UNAUTHORIZED.code(),
                HttpHeaderNames.WWW_AUTHENTICATE, CHALLENGE));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiCredentialRequest.class);
    }
}
