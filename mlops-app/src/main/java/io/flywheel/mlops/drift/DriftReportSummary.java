package io.flywheel.mlops.drift;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.UUID;

/** A drift report in a list ({@code GET /api/drift/reports}): enough to chart PSI over time and open the report. */
public record DriftReportSummary(UUID id, String model, int version, @JsonProperty("run_id") UUID runId,
                                 @JsonProperty("created_at") String createdAt,
                                 @JsonProperty("live_rows") long liveRows, String verdict,
                                 @JsonProperty("max_psi") Double maxPsi, List<String> drifted) {

    static DriftReportSummary of(DriftReportView report) {
        return new DriftReportSummary(report.id(), report.model(), report.version(), report.runId(),
                report.createdAt(), report.liveRows(), report.verdict(), report.maxPsi(), report.drifted());
    }
}
