package io.flywheel.inference;

import io.flywheel.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points the packaged app of a {@code @QuarkusIntegrationTest} at a database of its own on the test JVM's PostgreSQL:
 * Quarkus keeps that app running until the JVM ends, and on the shared database its schedulers would act on the
 * records of every test that runs after it (it once held another test's rollout for minutes).
 */
public class OwnDatabaseTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return TestDatabase.shared().freshDatabase("flywheel_packaged_inference");
    }

    @Override
    public void stop() {
        // the database outlives a single app start; the test kit removes it when the JVM exits
    }
}
