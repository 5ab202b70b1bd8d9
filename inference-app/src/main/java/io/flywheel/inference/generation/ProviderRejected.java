package io.flywheel.inference.generation;

/**
 * A provider call that failed in a way retrying cannot fix: the provider is not configured, refuses the key (401/403),
 * does not know the model (404) or the request (400). The fallback route is taken at once.
 */
public class ProviderRejected extends RuntimeException {

    private final String kind;

    public ProviderRejected(String kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }
}
