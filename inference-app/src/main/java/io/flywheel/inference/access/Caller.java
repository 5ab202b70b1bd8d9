package io.flywheel.inference.access;

import io.flywheel.shared.access.KeyGrant;
import io.flywheel.shared.access.Role;

/**
 * Who is calling: the key's grant, or {@link #anonymous()} when authentication is off. Read by resources from the
 * request context and passed on explicitly, so that work running on other threads knows its caller.
 */
public record Caller(KeyGrant grant) {

    static final String PROPERTY = "flywheel.caller";
    private static final KeyGrant ANONYMOUS = new KeyGrant("anonymous", "anonymous", "", Role.ADMIN, 0, 0, 0);

    /** The caller when authentication is off: unlimited, with every role (the embedded default only). */
    public static Caller anonymous() {
        return new Caller(ANONYMOUS);
    }

    public String keyId() {
        return grant.id();
    }

    public boolean has(Role role) {
        return grant.role().includes(role);
    }

    public boolean isAnonymous() {
        return grant == ANONYMOUS;
    }
}
