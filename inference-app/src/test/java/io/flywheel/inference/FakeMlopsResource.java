package io.flywheel.inference;

import io.flywheel.testing.FakeMlopsApp;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts a fake mlops-app speaking the deployments and artifact contract and points the app under test at it
 * ({@code flywheel.mlops.url}): what the deployment sync, the key sync and the agent's registry tool call.
 */
public class FakeMlopsResource implements QuarkusTestResourceLifecycleManager {

    private FakeMlopsApp fake;

    @Override
    public Map<String, String> start() {
        fake = FakeMlopsApp.start();
        return Map.of("flywheel.mlops.url", fake.baseUrl());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(fake, new TestInjector.AnnotatedAndMatchesType(FakeMlops.class, FakeMlopsApp.class));
    }

    @Override
    public void stop() {
        if (fake != null) {
            fake.close();
        }
    }
}
