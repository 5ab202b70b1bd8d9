package io.flywheel.mlops.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * What the evaluation gates decided about a version, recorded on it with
 * {@link RegistryService#recordEvaluation}. Only a passed verdict lets a version reach Production or start a rollout.
 *
 * @param passed          whether every gate passed
 * @param summary         one sentence a person reads in lists, e.g. "AUC 0.713 vs 0.709 (margin 0.01): pass"
 * @param baselineVersion the Production version it was compared with, or {@code null} for a first model judged on
 *                        absolute thresholds
 * @param details         the numbers behind the verdict (both sides' metrics, each gate and its threshold);
 *                        JSON-friendly values
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvaluationVerdict(boolean passed, String summary,
                                @JsonProperty("baseline_version") Integer baselineVersion,
                                Map<String, Object> details) {
}
