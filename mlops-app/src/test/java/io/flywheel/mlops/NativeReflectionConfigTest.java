package io.flywheel.mlops;

import io.flywheel.mlops.alerts.AlertmanagerWebhook;
import io.flywheel.mlops.notify.Notification;
import io.flywheel.shared.tabular.TabularModelArtifact;
import io.flywheel.testing.NativeReflection;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The native executable of mlops-app reflects only on what native-profiles/mlops-app registers. */
class NativeReflectionConfigTest {

    @Test
    void registersEveryClassJacksonReachesOutsideRestEndpoints() throws ClassNotFoundException {
        // roots: the model artifacts it writes after training (ArtifactCodec, with its header check), the Alertmanager
        // webhooks it reads from raw (signed) bytes, the notifications it posts to webhooks
        NativeReflection.assertComplete(
                Path.of("../native-profiles/mlops-app/META-INF/native-image/io.flywheel/mlops-app/reflect-config.json"),
                TabularModelArtifact.class, Class.forName("io.flywheel.shared.tabular.ArtifactCodec$Header"),
                AlertmanagerWebhook.class, Notification.class);
    }
}
