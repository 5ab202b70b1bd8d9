package io.flywheel.inference;

import io.flywheel.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points the app under test at the real PostgreSQL of this test JVM. */
public class DatabaseTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return TestDatabase.shared().quarkusConfig();
    }

    @Override
    public void stop() {
        // the database outlives a single app start; the test kit removes it when the JVM exits
    }
}
