package io.flywheel.mlops.access;

import jakarta.ws.rs.core.SecurityContext;

/** Who is calling, as audit records and lineage name them. */
public final class Actors {

    /** The name of a caller that did not authenticate (access control disabled, the embedded default). */
    public static final String ANONYMOUS = "anonymous";

    private Actors() {
    }

    /** The authenticated caller's name, else {@link #ANONYMOUS}. */
    public static String of(SecurityContext caller) {
        return caller == null || caller.getUserPrincipal() == null ? ANONYMOUS : caller.getUserPrincipal().getName();
    }
}
