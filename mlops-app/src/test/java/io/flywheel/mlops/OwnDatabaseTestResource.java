package io.flywheel.mlops;

import io.flywheel.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** A database of its own on the test JVM's PostgreSQL, for the packaged app of {@link OwnDatabaseProfile}. */
public class OwnDatabaseTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return TestDatabase.shared().freshDatabase("flywheel_packaged_mlops");
    }

    @Override
    public void stop() {
        // the database outlives a single app start; the test kit removes it when the JVM exits
    }
}
