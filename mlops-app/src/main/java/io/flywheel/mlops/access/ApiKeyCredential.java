package io.flywheel.mlops.access;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A bearer token that is Flywheel's own (an API key, the bootstrap key or the pod token), to be checked by hash. */
public final class ApiKeyCredential extends BaseAuthenticationRequest {

    private final String token;

    public ApiKeyCredential(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    @Override
    public String toString() {
        // never print the secret, should the request object end up in a log line
        return "ApiKeyCredential[" + Caller.redacted(token) + "]";
    }
}
