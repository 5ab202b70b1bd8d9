package io.flywheel.mlops.drift;

import io.flywheel.mlops.predictions.PredictionLog;
import io.flywheel.mlops.predictions.PredictionLog.HourlyPoint;
import io.flywheel.shared.drift.Anomaly;
import io.flywheel.shared.drift.ZScoreDetector;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * z-score anomalies of a model's hourly series, from what is stored: the p95 latency per hour from the prediction log
 * (each row carries its request's latency). The newest hour is judged against the hours before it, back
 * {@code flywheel.drift.anomaly.baseline} (7 days); hours with too few requests are left out. See docs/drift.md for
 * why the error rate is not among them yet.
 */
@ApplicationScoped
public class AnomalyWatch {

    static final String LATENCY_P95 = "latency_p95_ms";

    private final DriftSettings.AnomalySettings settings;
    private final PredictionLog log;
    private final int timeoutSeconds;

    public AnomalyWatch(DriftSettings settings, PredictionLog log) {
        this.settings = settings.anomaly();
        this.log = log;
        this.timeoutSeconds = (int) settings.queryTimeout().toSeconds();
    }

    /** The verdicts on the model's series; empty when detection is off or the log is not in this database. */
    public List<Anomaly> check(String model) throws SQLException {
        if (!settings.enabled() || !log.exists()) {
            return List.of();
        }
        Instant since = Instant.now().minus(settings.baseline()).minusSeconds(3600);
        List<HourlyPoint> points = log.hourlyLatencyP95(model, since, timeoutSeconds).stream()
                .filter(point -> point.requests() >= settings.minRequests()).toList();
        if (points.isEmpty()) {
            return List.of();
        }
        double[] baseline = points.subList(0, points.size() - 1).stream().mapToDouble(HourlyPoint::value).toArray();
        ZScoreDetector detector = new ZScoreDetector(settings.medium(), settings.high(), settings.minPoints());
        return List.of(detector.judge(LATENCY_P95, baseline, points.get(points.size() - 1).value()));
    }
}
