package io.flywheel.mlops.access;

/**
 * The role names endpoints declare with {@code @RolesAllowed}. A caller holding a role also holds every role below it
 * ({@link io.flywheel.shared.access.Role#includes}), so an endpoint names the least role that may call it:
 * {@link #VIEWER} reads, {@link #OPERATOR} acts (uploads, runs jobs, starts rollouts), {@link #APPROVER} decides on
 * what waits for approval, {@link #ADMIN} manages keys and deletes data. {@link #INFERENCE_POD} is outside that ladder:
 * it is what inference pods present ({@code flywheel.access.pod-token}) to read the published keys; admin holds it too.
 */
public final class Roles {

    public static final String VIEWER = "viewer";
    public static final String OPERATOR = "operator";
    public static final String APPROVER = "approver";
    public static final String ADMIN = "admin";
    public static final String INFERENCE_POD = "inference-pod";

    private Roles() {
    }
}
