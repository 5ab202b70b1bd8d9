package io.flywheel.shared.drift;

import com.fasterxml.jackson.annotation.JsonValue;

/** How far a PSI is from "stable", on the two thresholds of {@link DriftThresholds}. */
public enum DriftLevel {
    /** Below the warning threshold, or nothing to judge. */
    OK,
    /** At or above the warning threshold, below the alert threshold. */
    WARN,
    /** At or above the alert threshold. */
    ALERT;

    /** The lower-case name used in JSON, metrics and reports. */
    @JsonValue
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
