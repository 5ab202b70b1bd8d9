package io.flywheel.inference;

import io.flywheel.inference.problem.OpenInferenceProblem;
import io.flywheel.shared.deployment.Deployments;
import io.flywheel.shared.tabular.TabularModelArtifact;
import io.flywheel.testing.NativeReflection;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The native executable of inference-app reflects only on what native-profiles/inference-app registers. */
class NativeReflectionConfigTest {

    @Test
    void registersEveryClassJacksonReachesOutsideRestEndpoints() throws ClassNotFoundException {
        // roots: the model artifacts it loads (ArtifactCodec, with its header check), the deployments it polls, the
        // problems of /v2 (a Response entity, which Quarkus does not register)
        NativeReflection.assertComplete(
                Path.of("../native-profiles/inference-app/META-INF/native-image/io.flywheel/inference-app/reflect-config.json"),
                TabularModelArtifact.class, Class.forName("io.flywheel.shared.tabular.ArtifactCodec$Header"),
                Deployments.class, OpenInferenceProblem.class);
    }
}
