package io.flywheel.mlops.drift;

import io.flywheel.mlops.predictions.ServingMinutes;
import io.flywheel.mlops.predictions.ServingMinutes.HourlyPoint;
import io.flywheel.shared.drift.Anomaly;
import io.flywheel.shared.drift.ZScoreDetector;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * z-score anomalies of a model's hourly series, summed from inference pods' serving minutes: the p95 latency (from the
 * minutes' latency histograms) and the error rate (refused and failed requests per request). The newest hour is
 * judged against the hours before it, back {@code flywheel.drift.anomaly.baseline} (7 days); hours with too few
 * requests are left out of both series (of the latency series also hours with fewer answered requests than that).
 */
@ApplicationScoped
public class AnomalyWatch {

    static final String LATENCY_P95 = "latency_p95_ms";
    static final String ERROR_RATE = "error_rate";
    private static final double P95 = 0.95;

    private final DriftSettings.AnomalySettings settings;
    private final ServingMinutes minutes;
    private final int timeoutSeconds;

    public AnomalyWatch(DriftSettings settings, ServingMinutes minutes) {
        this.settings = settings.anomaly();
        this.minutes = minutes;
        this.timeoutSeconds = (int) settings.queryTimeout().toSeconds();
    }

    /** The alert kind of an anomaly: {@code latency} or {@code error-rate}. */
    static String alertKind(Anomaly anomaly) {
        return anomaly.metric().equals(ERROR_RATE) ? "error-rate" : "latency";
    }

    /** The verdicts on the model's series; empty when detection is off or the aggregates are not in this database. */
    public List<Anomaly> check(String model) throws SQLException {
        if (!settings.enabled() || !minutes.exists()) {
            return List.of();
        }
        Instant since = Instant.now().minus(settings.baseline()).minusSeconds(3600);
        List<HourlyPoint> points = minutes.hourly(model, since, timeoutSeconds).stream()
                .filter(point -> point.requests() >= settings.minRequests()).toList();
        if (points.isEmpty()) {
            return List.of();
        }
        ZScoreDetector detector = new ZScoreDetector(settings.medium(), settings.high(), settings.minPoints());
        List<HourlyPoint> answered = points.stream()
                .filter(point -> point.latency().total() >= settings.minRequests()).toList();
        List<Anomaly> found = new ArrayList<>(2);
        if (!answered.isEmpty()) {
            found.add(judge(detector, LATENCY_P95, answered, point -> point.latency().percentile(P95)));
        }
        found.add(judge(detector, ERROR_RATE, points, point -> (double) point.errors() / point.requests()));
        return found;
    }

    /** The newest point of the series against the points before it. */
    private static Anomaly judge(ZScoreDetector detector, String metric, List<HourlyPoint> series,
                                 ToDoubleFunction<HourlyPoint> value) {
        double[] baseline = series.subList(0, series.size() - 1).stream().mapToDouble(value).toArray();
        return detector.judge(metric, baseline, value.applyAsDouble(series.get(series.size() - 1)));
    }
}
