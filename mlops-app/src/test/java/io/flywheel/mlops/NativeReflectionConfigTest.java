package io.flywheel.mlops;

import io.flywheel.shared.assistant.AssistantConfig;
import io.flywheel.shared.tabular.TabularModelArtifact;
import io.flywheel.testing.NativeReflection;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The native executable of mlops-app reflects only on what native-profiles/mlops-app registers. */
class NativeReflectionConfigTest {

    @Test
    void registersEveryClassJacksonReachesOutsideRestEndpoints() throws ClassNotFoundException {
        // roots: the model artifacts it writes after training and reads when a version is registered (ArtifactCodec,
        // with its header check), and the assistant configurations the registry reads to check an uploaded version
        NativeReflection.assertComplete(
                Path.of("../native-profiles/mlops-app/META-INF/native-image/io.flywheel/mlops-app/reflect-config.json"),
                TabularModelArtifact.class, Class.forName("io.flywheel.shared.tabular.ArtifactCodec$Header"),
                AssistantConfig.class);
    }
}
