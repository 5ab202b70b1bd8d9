package io.flywheel.mlops.drift;

import io.flywheel.shared.drift.DriftThresholds;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** How the {@code drift} job watches Production models ({@code flywheel.drift.*}); docs/drift.md explains each. */
@ConfigMapping(prefix = "flywheel.drift")
public interface DriftSettings {

    /** The live window when a run names none: the predictions of the last this many hours. */
    @WithDefault("24")
    int windowHours();

    /** When set, the live window is the newest this many predictions instead of {@link #windowHours()}. */
    OptionalInt windowRows();

    /** Fewer live predictions than this in the window: the report says no-data rather than judging noise. */
    @WithDefault("100")
    int minRows();

    /** A PSI at or above it is a warning (per model: {@code flywheel.drift.model."<name>".psi-warn}). */
    @WithDefault("0.1")
    double psiWarn();

    /** A PSI at or above it is drift: a report verdict of alert, a data-drift alert. */
    @WithDefault("0.2")
    double psiAlert();

    /** Per-model thresholds, by model name. */
    @WithName("model")
    Map<String, ModelThresholds> models();

    /** Start {@code retrain} for a model at once when its drift alerts, without the agent's approval. */
    @WithDefault("false")
    boolean retrainOnAlert();

    /** Deadline of one query of a window or a series; one that cannot be read in time fails the run, not the app. */
    @WithDefault("5m")
    Duration queryTimeout();

    /** Anomaly detection on latency and error rate. */
    AnomalySettings anomaly();

    /** The thresholds of a model: its own where set, else the defaults. */
    default DriftThresholds thresholds(String model) {
        ModelThresholds own = models().get(model);
        double warn = own == null ? psiWarn() : own.psiWarn().orElse(psiWarn());
        double alert = own == null ? psiAlert() : own.psiAlert().orElse(psiAlert());
        return new DriftThresholds(warn, alert);
    }

    /** One model's thresholds. */
    interface ModelThresholds {
        OptionalDouble psiWarn();

        OptionalDouble psiAlert();
    }

    /** z-scores of hourly series against their own recent past. */
    interface AnomalySettings {

        /** Whether the drift job also looks for anomalies. */
        @WithDefault("true")
        boolean enabled();

        /** The baseline: the hours before the last one, back this far. */
        @WithDefault("7d")
        Duration baseline();

        /** Hourly points the baseline needs before anything is judged. */
        @WithDefault("24")
        int minPoints();

        /** |z| above it: a medium anomaly (a warning alert). */
        @WithDefault("3")
        double medium();

        /** |z| above it: a high anomaly (a critical alert). */
        @WithDefault("4")
        double high();

        /** An hour with fewer requests than this is left out of the series: its p95 or error rate is noise. */
        @WithDefault("20")
        int minRequests();
    }
}
