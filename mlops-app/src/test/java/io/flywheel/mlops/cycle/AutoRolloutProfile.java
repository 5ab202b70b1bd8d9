package io.flywheel.mlops.cycle;

import java.util.HashMap;
import java.util.Map;

/**
 * The cycle of {@link CycleProfile} in mode auto (a passed evaluation starts its rollout), with a gate that wants a
 * candidate better than Production by 0.05 AUC: an ordinary retrain on similar rows fails it, one that learned from an
 * informative extra column passes it.
 */
public class AutoRolloutProfile extends CycleProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> settings = new HashMap<>(super.getConfigOverrides());
        settings.put("flywheel.cycle.rollout", "auto");
        settings.put("flywheel.evaluation.max-primary-regression", "-0.05");
        return settings;
    }
}
