package io.flywheel.shared.problem;

/**
 * The catalogue of problem kinds both apps return. The {@link #uri()} is the stable {@code type} of the problem
 * body: it never changes once published, so clients may switch on it.
 */
public enum ProblemType {
    MALFORMED_REQUEST("malformed-request", "Malformed request body", 400),
    INVALID_REQUEST("invalid-request", "Request content is invalid", 422),
    BAD_REQUEST("bad-request", "Bad request", 400),
    UNAUTHORIZED("unauthorized", "Authentication required", 401),
    FORBIDDEN("forbidden", "Not allowed for this role", 403),
    NOT_FOUND("not-found", "Resource not found", 404),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", 405),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", 406),
    CONFLICT("conflict", "Conflict with the current state", 409),
    PAYLOAD_TOO_LARGE("payload-too-large", "Payload too large", 413),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", 415),
    RATE_LIMITED("rate-limited", "Too many requests", 429),
    INTERNAL("internal", "Internal error", 500),
    UNAVAILABLE("unavailable", "Service unavailable", 503),
    INVALID_DATASET("invalid-dataset", "Dataset is invalid", 422),
    INVALID_ARTIFACT("invalid-artifact", "Model artifact is invalid", 422),
    INVALID_SIGNATURE("invalid-signature", "Request signature missing, invalid or stale", 401),
    REPLAYED_REQUEST("replayed-request", "Request already received", 409);

    private static final String PREFIX = "urn:flywheel:problem:";

    private final String slug;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public String uri() {
        return PREFIX + slug;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }

    /** The catalogue entry a generic HTTP status falls back to when no more precise kind applies. */
    public static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status && type != MALFORMED_REQUEST) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL : INVALID_REQUEST;
    }
}
