package io.flywheel.mlops.validation;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.flywheel.shared.validation.RuleResult;
import io.flywheel.shared.validation.ValidationReport;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One validation of a snapshot: which suite, whether it passed, what failed (rule, column, offending count) and the
 * full report.
 */
public record ValidationView(UUID id, @JsonProperty("snapshot_id") String snapshotId, String suite,
                             @JsonProperty("suite_version") int suiteVersion, boolean passed,
                             List<RuleResult> failures, ValidationReport report, String trigger,
                             @JsonProperty("created_at") OffsetDateTime createdAt) {
}
