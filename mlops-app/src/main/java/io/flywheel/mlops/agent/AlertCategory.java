package io.flywheel.mlops.agent;

/** What kind of trouble an alert reports, in the agent's vocabulary (the {@code kind} of a platform alert). */
public enum AlertCategory {
    DATA_DRIFT,
    QUALITY_DROP,
    LATENCY,
    ERROR_RATE,
    DATA_VALIDATION,
    RESOURCE,
    UNKNOWN;

    public String label() {
        return Labels.of(this);
    }

    /** The category of a label such as {@code data-drift}; {@link #UNKNOWN} for anything else. */
    public static AlertCategory of(String label) {
        return Labels.parse(AlertCategory.class, label, UNKNOWN);
    }
}
