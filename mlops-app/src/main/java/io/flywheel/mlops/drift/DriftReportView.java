package io.flywheel.mlops.drift;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.flywheel.shared.drift.Anomaly;
import io.flywheel.shared.drift.DriftThresholds;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A drift report as stored and served ({@code GET /api/drift/reports/{id}}); its fields are a contract with the
 * dashboard and the rollout work, documented in docs/drift.md ("Report format"). Timestamps are ISO-8601 strings.
 *
 * @param window     {@code {"hours": n}} or {@code {"rows": n}}
 * @param verdict    {@code ok}, {@code warn}, {@code alert} (the worst level of the features and the prediction), or
 *                   {@code no-data} (fewer live rows than {@code flywheel.drift.min-rows}: nothing is judged)
 * @param drifted    features at or above the alert threshold, worst first
 * @param warned     features at or above the warning threshold but below the alert one, worst first
 * @param quality    live accuracy and AUC from feedback, or {@code null} when no prediction of the window has one
 * @param anomalies  z-score verdicts on the model's hourly series (empty when anomaly detection is off)
 */
public record DriftReportView(UUID id, String model, int version, @JsonProperty("run_id") UUID runId,
                              @JsonProperty("created_at") String createdAt, Map<String, Integer> window,
                              @JsonProperty("window_from") String windowFrom,
                              @JsonProperty("window_to") String windowTo, @JsonProperty("live_rows") long liveRows,
                              String verdict, DriftThresholds thresholds, @JsonProperty("max_psi") Double maxPsi,
                              List<String> drifted, List<String> warned, List<FeatureResult> features,
                              FeatureResult prediction, LiveQuality quality, List<Anomaly> anomalies) {

    public static final String NO_DATA = "no-data";

    /** The figures a job run's outputs and the audit entry record: report id, version, verdict, rows, PSI, drifted. */
    public Map<String, Object> outline() {
        Map<String, Object> outline = new LinkedHashMap<>();
        outline.put("report", id.toString());
        outline.put("version", version);
        outline.put("verdict", verdict);
        outline.put("live_rows", liveRows);
        outline.put("max_psi", maxPsi);
        outline.put("drifted", drifted);
        return outline;
    }
}
