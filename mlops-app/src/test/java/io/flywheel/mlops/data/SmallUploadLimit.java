package io.flywheel.mlops.data;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** A 2 MB upload limit: Lending Club (1.3 MB) fits, a few megabytes do not. */
public class SmallUploadLimit implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("flywheel.datasets.max-upload-size", "2M");
    }
}
