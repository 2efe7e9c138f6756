package dev.stockroom.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.security.AuthenticationFailedException;

class CredentialHeadersTest {

    @Test
    void eitherHeaderCarriesTheCredential() {
        assertEquals("k", ApiKeyAuthenticationMechanism.credential(List.of("Bearer k"), List.of()));
        assertEquals("k", ApiKeyAuthenticationMechanism.credential(List.of("bearer  k "), List.of()));
        assertEquals("k", ApiKeyAuthenticationMechanism.credential(List.of(), List.of("k")));
        assertEquals("k", ApiKeyAuthenticationMechanism.credential(List.of("Bearer k"), List.of("k")));
    }

    @Test
    void noHeaderIsAnonymous() {
        assertNull(ApiKeyAuthenticationMechanism.credential(List.of(), List.of()));
    }

    @Test
    void ambiguousOrMalformedHeadersFail() {
        assertThrows(AuthenticationFailedException.class,
                () -> ApiKeyAuthenticationMechanism.credential(List.of("Bearer a", "Bearer b"), List.of()));
        assertThrows(AuthenticationFailedException.class,
                () -> ApiKeyAuthenticationMechanism.credential(List.of(), List.of("a", "b")));
        assertThrows(AuthenticationFailedException.class,
                () -> ApiKeyAuthenticationMechanism.credential(List.of("Bearer a"), List.of("b")));
        assertThrows(AuthenticationFailedException.class,
                () -> ApiKeyAuthenticationMechanism.credential(List.of("Basic dXNlcg=="), List.of()));
        assertThrows(AuthenticationFailedException.class,
                () -> ApiKeyAuthenticationMechanism.credential(List.of("Bearer "), List.of()));
        assertThrows(AuthenticationFailedException.class,
                () -> ApiKeyAuthenticationMechanism.credential(List.of(), List.of(" ")));
    }
}
