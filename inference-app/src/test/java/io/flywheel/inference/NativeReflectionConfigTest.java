package io.flywheel.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.flywheel.shared.tabular.TabularModelArtifact;
import io.flywheel.testing.NativeReflection;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The native executable of inference-app reflects only on what native-profiles/inference-app registers: every class Jackson reaches
 * from the types this app reads or writes outside its REST endpoints must be there, and nothing stale.
 */
class NativeReflectionConfigTest {

    private static final Path CONFIG = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."))
            .resolve("native-profiles/inference-app/META-INF/native-image/io.flywheel/inference-app/reflect-config.json");

    /** Types (de)serialized by Jackson outside REST endpoints: model artifacts (ArtifactCodec, with its header). */
    private static Set<String> needed() throws ClassNotFoundException {
        return NativeReflection.reachableFrom(TabularModelArtifact.class,
                Class.forName("io.flywheel.shared.tabular.ArtifactCodec$Header"));
    }

    @Test
    void everyClassJacksonReachesOutsideRestIsRegisteredForReflection() throws ClassNotFoundException {
        Set<String> missing = new TreeSet<>(needed());
        missing.removeAll(NativeReflection.registeredIn(CONFIG));
        assertThat(missing).as("add to %s:%n%s", CONFIG, NativeReflection.entriesFor(missing)).isEmpty();
    }

    @Test
    void everyRegisteredClassStillExists() {
        for (String name : NativeReflection.registeredIn(CONFIG)) {
            assertThat(exists(name)).as(name + " is registered in " + CONFIG + " but no longer exists").isTrue();
        }
    }

    private static boolean exists(String name) {
        try {
            Class.forName(name, false, NativeReflectionConfigTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
