package io.flywheel.mlops.agent;

import java.util.Locale;

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
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The category of a label such as {@code data-drift}; {@link #UNKNOWN} for anything else. */
    public static AlertCategory of(String label) {
        if (label == null) {
            return UNKNOWN;
        }
        for (AlertCategory category : values()) {
            if (category.label().equalsIgnoreCase(label.trim())) {
                return category;
            }
        }
        return UNKNOWN;
    }
}
