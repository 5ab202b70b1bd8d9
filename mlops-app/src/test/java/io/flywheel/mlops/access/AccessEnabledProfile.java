package io.flywheel.mlops.access;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.flywheel.mlops.agent.LocalKubernetes;
import io.flywheel.mlops.agent.LocalReceivers;
import java.util.List;
import java.util.Map;

/**
 * mlops-app as deployed: access on, a bootstrap admin key, a pod token and an alert signing key from "secrets", OIDC
 * tokens from a local provider, the outside world of the agent on this machine (SMTP, webhooks, the Kubernetes API),
 * and the log written to a file so that tests can read what was logged.
 */
public class AccessEnabledProfile implements QuarkusTestProfile {

    public static final String BOOTSTRAP_KEY = "fw_bootstrapBOOTSTRAPbootstrapBOOTSTRAPboots";
    public static final String ALERT_KEY = "alert-hmac-key-5b0c2f7e9d1a4c3b8e6f0a2d4c6e8f01";
    public static final String POD_TOKEN = "pod-token-7c1e0a9b4d2f46e8a3b5c6d7e8f9a0b1";
    /** Per test JVM, so that a run never reads what an earlier one logged. */
    public static final String LOG_FILE = "target/access-enabled-app-" + ProcessHandle.current().pid() + ".log";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("flywheel.access.enabled", "true",
                "flywheel.access.bootstrap-admin-key", BOOTSTRAP_KEY,
                "flywheel.access.pod-token", POD_TOKEN,
                "flywheel.alerts.signing-keys", ALERT_KEY,
                "quarkus.log.file.enabled", "true",
                "quarkus.log.file.path", LOG_FILE,
                "quarkus.log.category.\"io.flywheel\".level", "DEBUG");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(LocalOidcProvider.class), new TestResourceEntry(LocalReceivers.class),
                new TestResourceEntry(LocalKubernetes.class));
    }
}
