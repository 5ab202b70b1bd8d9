package io.flywheel.mlops;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * The packaged app of {@link PackagedMlopsAppIT} on a database of its own, and only that: Quarkus keeps a
 * {@code @QuarkusIntegrationTest}'s app running until the failsafe JVM ends, and on the shared database its schedulers
 * (rollout controller, cycle, jobs, knowledge bootstrap) acted on the records of the tests after it — it once held
 * another test's rollout for its own 5-minute interval. Global test resources are off: every
 * {@code @QuarkusTestResource} of this module applies to all tests, and the shared database's would compete.
 * No knowledge seeding at start: on its fresh database the app seeded in the background, about two minutes of CPU taken from
 * every test after it while the app kept running.
 */
public class OwnDatabaseProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OwnDatabaseTestResource.class));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("flywheel.reindex.seed-corpus", "false");
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
