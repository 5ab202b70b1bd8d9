package io.flywheel.mlops;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/**
 * The packaged app of {@link PackagedMlopsAppIT} on a database of its own, and only that: Quarkus keeps a
 * {@code @QuarkusIntegrationTest}'s app running until the failsafe JVM ends, and on the shared database its schedulers
 * (rollout controller, cycle, jobs, knowledge bootstrap) acted on the records of the tests after it — it once held
 * another test's rollout for its own 5-minute interval. Global test resources are off: every
 * {@code @QuarkusTestResource} of this module applies to all tests, and the shared database's would compete.
 */
public class OwnDatabaseProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OwnDatabaseTestResource.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
