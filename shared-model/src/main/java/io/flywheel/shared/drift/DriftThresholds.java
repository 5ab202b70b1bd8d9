package io.flywheel.shared.drift;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * PSI thresholds: the usual reading is below 0.1 stable, 0.1–0.2 worth a look, above 0.2 a real shift.
 *
 * @param warn  a PSI at or above it is {@link DriftLevel#WARN}
 * @param alert a PSI at or above it is {@link DriftLevel#ALERT}
 */
public record DriftThresholds(@JsonProperty("psi_warn") double warn, @JsonProperty("psi_alert") double alert) {

    public static final double DEFAULT_WARN = 0.1;
    public static final double DEFAULT_ALERT = 0.2;

    public DriftThresholds {
        if (!(warn > 0) || !(alert >= warn) || Double.isInfinite(alert)) {
            throw new IllegalArgumentException("PSI thresholds need 0 < warn <= alert, finite; were warn " + warn
                    + ", alert " + alert);
        }
    }

    /** 0.1 warn, 0.2 alert. */
    public static DriftThresholds defaults() {
        return new DriftThresholds(DEFAULT_WARN, DEFAULT_ALERT);
    }

    /** The level of a PSI; {@code null} (no live value) is {@link DriftLevel#OK}: there is nothing to judge. */
    public DriftLevel levelOf(Double psi) {
        if (psi == null || psi < warn) {
            return DriftLevel.OK;
        }
        return psi < alert ? DriftLevel.WARN : DriftLevel.ALERT;
    }
}
