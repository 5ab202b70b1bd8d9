package io.flywheel.mlops.cycle;

import io.flywheel.mlops.QuickTrainings;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.Map;

/** The scheduled cycle on, following up every second, in approval mode (the default), with quick trainings. */
public class CycleProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> settings = new HashMap<>(QuickTrainings.SETTINGS);
        settings.put("flywheel.cycle.enabled", "true");
        settings.put("flywheel.cycle.tick", "1s");
        return settings;
    }
}
