package io.flywheel.mlops.drift;

import io.flywheel.mlops.alerts.PlatformAlert;
import io.flywheel.mlops.audit.AuditRecord;
import io.flywheel.mlops.jobs.JobService;
import io.flywheel.mlops.jobs.JobTrigger;
import io.flywheel.mlops.persistence.Awaited;
import io.flywheel.mlops.predictions.LiveWindow;
import io.flywheel.mlops.predictions.PredictionLog;
import io.flywheel.mlops.predictions.ServingMinutes;
import io.flywheel.mlops.registry.Attribution;
import io.flywheel.mlops.registry.RegistryService;
import io.flywheel.mlops.registry.VersionView;
import io.flywheel.mlops.training.RetrainJob;
import io.flywheel.shared.deployment.ModelKind;
import io.flywheel.shared.drift.Anomaly;
import io.flywheel.shared.drift.DriftAccumulator;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import io.flywheel.shared.tabular.ArtifactCodec;
import io.flywheel.shared.tabular.TabularModelArtifact;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Measures drift of one Production model: sums the bin counts inference pods stored per minute for its version over
 * the live window (bins of the training reference stored in its artifact), reads the window's labelled predictions
 * for live quality, builds and stores the report with the audit entry of its verdict,
 * updates {@code flywheel_drift_psi}, and raises a data-drift alert (and anomaly alerts) when a threshold breaks.
 * Blocking: call it from a job or a worker thread.
 */
@ApplicationScoped
public class DriftService {

    private static final Logger LOG = Logger.getLogger(DriftService.class);

    private final DriftSettings settings;
    private final RegistryService registry;
    private final ServingMinutes minutes;
    private final PredictionLog log;
    private final AnomalyWatch anomalies;
    private final DriftReports reports;
    private final DriftGauges gauges;
    private final Event<PlatformAlert> alerts;
    private final JobService jobs;

    public DriftService(DriftSettings settings, RegistryService registry, ServingMinutes minutes, PredictionLog log,
                        AnomalyWatch anomalies, DriftReports reports, DriftGauges gauges, Event<PlatformAlert> alerts,
                        JobService jobs) {
        this.settings = settings;
        this.registry = registry;
        this.minutes = minutes;
        this.log = log;
        this.anomalies = anomalies;
        this.reports = reports;
        this.gauges = gauges;
        this.alerts = alerts;
        this.jobs = jobs;
    }

    /** The drift of the model's Production version over the window, stored; 404/409 naming what is missing. */
    public DriftReportView measure(String model, LiveWindow window, UUID runId, Attribution by) throws SQLException {
        VersionView production = Awaited.result(() -> registry.production(model)).orElseThrow(() ->
                new ProblemException(ProblemType.CONFLICT, "model '" + model + "' has no Production version: drift "
                        + "is measured against the reference of the version being served"));
        if (production.kind() != ModelKind.TABULAR_CLASSIFIER) {
            throw new ProblemException(ProblemType.CONFLICT, "drift is measured for tabular-classifier models; '"
                    + model + "' is a " + production.kind().label());
        }
        TabularModelArtifact artifact = ArtifactCodec.read(Awaited.result(() -> registry.artifact(model,
                production.version())).bytes());
        LiveSample sample = sample(model, production.version(), artifact, window);
        List<Anomaly> found = anomalies.check(model);
        DriftReportView report = DriftReportBuilder.build(UUID.randomUUID(), runId, production, artifact, window,
                sample, settings.thresholds(model), settings.minRows(), found);
        Awaited.result(() -> reports.save(report, auditRecord(report, by)));
        gauges.update(report);
        LOG.infof("drift of %s v%d over the %s: %s (%d rows, max PSI %s, drifted %s)", model, production.version(),
                window, report.verdict(), report.liveRows(), report.maxPsi(), report.drifted());
        raiseAlerts(report, production);
        return report;
    }

    /** The window's counts from the serving minutes, and its labelled predictions over the same minutes. */
    private LiveSample sample(String model, int version, TabularModelArtifact artifact, LiveWindow window)
            throws SQLException {
        DriftAccumulator counts = new DriftAccumulator(artifact.reference());
        int timeout = (int) settings.queryTimeout().toSeconds();
        if (!minutes.exists()) {
            return new LiveSample(counts, null, null, LiveSample.NONE);
        }
        ServingMinutes.Span span = minutes.driftCounts(model, version, window, counts, timeout);
        PredictionLog.Labelled labelled = span.from() == null || !log.exists() ? LiveSample.NONE
                : log.labelled(model, version, artifact.schema().positiveClass(), span.from(), span.to(), timeout);
        return new LiveSample(counts, span.from(), span.to(), labelled);
    }

    private void raiseAlerts(DriftReportView report, VersionView production) {
        if (!report.drifted().isEmpty()) {
            alerts.fireAsync(driftAlert(report));
            if (settings.retrainOnAlert()) {
                startRetrain(report, production);
            }
        }
        for (Anomaly anomaly : report.anomalies()) {
            if (anomaly.severity() != Anomaly.Severity.NONE) {
                alerts.fireAsync(anomalyAlert(report.model(), anomaly));
            }
        }
    }

    private static PlatformAlert driftAlert(DriftReportView report) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("report", report.id().toString());
        details.put("version", report.version());
        details.put("features", report.drifted());
        Map<String, Double> psi = new LinkedHashMap<>();
        report.features().stream().filter(f -> report.drifted().contains(f.feature()))
                .forEach(f -> psi.put(f.feature(), f.psi()));
        details.put("psi", psi);
        details.put("threshold", report.thresholds().alert());
        String summary = "data drift on " + report.model() + " v" + report.version() + ": " + String.join(", ",
                report.drifted()) + " (max PSI " + String.format(java.util.Locale.ROOT, "%.3f", report.maxPsi())
                + ", alert threshold " + report.thresholds().alert() + ")";
        return new PlatformAlert("drift", "data-drift", "critical", report.model(), summary, details);
    }

    private static PlatformAlert anomalyAlert(String model, Anomaly anomaly) {
        Map<String, Object> details = new HashMap<>();
        details.put("metric", anomaly.metric());
        details.put("value", anomaly.value());
        details.put("mean", anomaly.mean());
        details.put("sd", anomaly.sd());
        details.put("z", anomaly.z());
        String severity = anomaly.severity() == Anomaly.Severity.HIGH ? "critical" : "warning";
        return new PlatformAlert("anomaly", AnomalyWatch.alertKind(anomaly), severity, model, model + ": "
                + anomaly.metric() + " " + anomaly.value() + " is a " + anomaly.severity().label() + " anomaly (z "
                + anomaly.z() + " against the last " + anomaly.baselinePoints() + " hours)", details);
    }

    /** {@code flywheel.drift.retrain-on-alert}: retrain on the dataset the Production version was trained on. */
    private void startRetrain(DriftReportView report, VersionView production) {
        Map<String, String> parameters = new HashMap<>();
        parameters.put("model", report.model());
        if (production.params() != null && production.params().containsKey("dataset")) {
            parameters.put("dataset", production.params().get("dataset"));
        }
        try {
            Awaited.result(() -> jobs.start(RetrainJob.NAME, parameters, new JobTrigger(DriftJob.NAME, "job:drift")));
        } catch (RuntimeException e) {
            LOG.warnf("drift of %s: retrain not started: %s", report.model(), e.getMessage());
        }
    }

    private static AuditRecord auditRecord(DriftReportView report, Attribution by) {
        Map<String, Object> details = new LinkedHashMap<>(report.outline());
        details.put("window", report.window());
        details.put("warned", report.warned());
        return new AuditRecord(by.actor(), by.trigger(), "drift.report", "model:" + report.model() + "/"
                + report.version(), by.reason(), null, report.verdict(), details);
    }
}
