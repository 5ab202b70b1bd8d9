package io.flywheel.mlops.access;

import jakarta.ws.rs.core.SecurityContext;

/** How callers are named in the audit log and in log lines: never by their secret. */
public final class Caller {

    /** The actor of a call without an authenticated principal. */
    public static final String ANONYMOUS = "anonymous";
    /** The identity of every caller when access is off. */
    public static final String LOCAL_ADMIN = "local-admin";
    /** The identity the pod token authenticates. */
    public static final String INFERENCE_POD = "inference-pod";
    /** The identity the bootstrap admin key authenticates. */
    public static final String BOOTSTRAP_ADMIN = "bootstrap-admin";
    private static final String KEY_PREFIX = "key:";
    private static final int SHOWN_CHARS = 6;

    private Caller() {
    }

    /** The actor an API key acts as: {@code key:<name>}. */
    public static String ofKey(String keyName) {
        return KEY_PREFIX + keyName;
    }

    /** The actor of a request's security context (what resources pass to services for the audit log). */
    public static String of(SecurityContext context) {
        return context == null || context.getUserPrincipal() == null ? ANONYMOUS
                : context.getUserPrincipal().getName();
    }

    /** The first characters of a presented token, enough to tell keys apart in a log, never enough to use one. */
    public static String redacted(String token) {
        if (token == null) {
            return "none";
        }
        return token.length() <= SHOWN_CHARS * 2 ? "***" : token.substring(0, SHOWN_CHARS) + "***";
    }
}
