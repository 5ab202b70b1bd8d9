package io.flywheel.mlops.drift;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.flywheel.shared.drift.DriftLevel;
import io.flywheel.shared.drift.DriftThresholds;
import io.flywheel.shared.drift.FeatureDrift;
import java.util.List;

/**
 * One feature (or the prediction) in a drift report: PSI and KL against the training reference, the level on the
 * model's thresholds, and the bins with both share vectors (what the HTML report draws).
 *
 * @param type {@code numeric}, {@code categorical} or {@code prediction}
 */
public record FeatureResult(String feature, String type, long live, Double psi, Double kl, DriftLevel level,
                            List<String> bins, @JsonProperty("reference_shares") double[] referenceShares,
                            @JsonProperty("live_shares") double[] liveShares) {

    static FeatureResult of(FeatureDrift drift, String type, DriftThresholds thresholds) {
        return new FeatureResult(drift.feature(), type, drift.live(), drift.psi(), drift.kl(),
                thresholds.levelOf(drift.psi()), drift.bins(), drift.referenceShares(), drift.liveShares());
    }
}
