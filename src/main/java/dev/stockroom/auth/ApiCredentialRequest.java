package dev.stockroom.auth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A bearer credential from a request: the operator token or an API key, not yet told apart. */
public class ApiCredentialRequest extends BaseAuthenticationRequest {

    private final String credential;

    public ApiCredentialRequest(String credential) {
        this.credential = credential;
    }

    public String credential() {
        return credential;
    }
}
