package io.flywheel.mlops.drift;

import io.flywheel.mlops.persistence.Awaited;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * {@code flywheel_drift_psi{model, feature}}: the PSI of the latest report of each Production model, per feature and
 * for {@code prediction} — what the dashboard charts and the alert rules ({@code FlywheelFeatureDrift*}) read. A
 * feature without live values has no series (rather than a made-up 0). Restored from the stored reports at start.
 */
@ApplicationScoped
public class DriftGauges {

    static final String NAME = "flywheel_drift_psi";

    private static final Logger LOG = Logger.getLogger(DriftGauges.class);

    private final MultiGauge psi;
    private final DriftReports reports;
    private final Map<String, List<MultiGauge.Row<?>>> rowsByModel = new ConcurrentHashMap<>();

    public DriftGauges(MeterRegistry registry, DriftReports reports) {
        this.psi = MultiGauge.builder(NAME).description("PSI of the live window against the training reference, "
                + "per model and feature, from the latest drift report").register(registry);
        this.reports = reports;
    }

    /** After a restart the gauges show the stored newest reports, not nothing until the next hourly run. */
    void restoreAtStart(@Observes StartupEvent event) {
        try {
            Awaited.result(reports::newestPerModel).forEach(this::update);
        } catch (RuntimeException e) {
            LOG.warnf("drift gauges start empty (the next drift run sets them): %s", e.getMessage());
        }
    }

    /** Replaces the model's series with the report's figures. */
    public synchronized void update(DriftReportView report) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (FeatureResult feature : report.features()) {
            add(rows, report.model(), feature);
        }
        add(rows, report.model(), report.prediction());
        rowsByModel.put(report.model(), rows);
        psi.register(rowsByModel.values().stream().<MultiGauge.Row<?>>flatMap(List::stream).toList(), true);
    }

    private static void add(List<MultiGauge.Row<?>> rows, String model, FeatureResult feature) {
        if (feature.psi() != null) {
            rows.add(MultiGauge.Row.of(Tags.of("model", model, "feature", feature.feature()), feature.psi()));
        }
    }
}
