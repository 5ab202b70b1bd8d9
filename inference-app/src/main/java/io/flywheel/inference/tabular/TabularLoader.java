package io.flywheel.inference.tabular;

import io.flywheel.inference.predictions.ServingMinutes;
import io.flywheel.shared.hashing.Sha256;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.tabular.ArtifactCodec;
import io.flywheel.shared.tabular.FeatureBatch;
import io.flywheel.shared.tabular.TabularModel;
import io.flywheel.shared.tabular.TabularModelArtifact;
import io.flywheel.shared.tabular.WarmUpRows;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Turns {@code tabular-classifier} artifact bytes into a version ready to serve: verifies their sha256, reads them
 * strictly, compiles them and warms them up on synthetic rows (checking that every score is a probability). This is
 * the seam the deployment sync calls for the {@code tabular-classifier} kind; a version that fails any check is
 * refused with the reason and never served. At start it also serves {@code flywheel.serving.model-files}.
 */
@ApplicationScoped
public class TabularLoader {

    private static final Logger LOG = Logger.getLogger(TabularLoader.class);
    /** The version a model served from a file answers as. */
    public static final int FILE_VERSION = 0;

    private final ServingSettings settings;
    private final MeterRegistry registry;
    private final ServingMinutes minutes;

    public TabularLoader(ServingSettings settings, MeterRegistry registry, ServingMinutes minutes) {
        this.settings = settings;
        this.registry = registry;
        this.minutes = minutes;
    }

    /**
     * Checks, compiles and warms up one version; CPU work of milliseconds to seconds, so never on an event loop.
     *
     * @throws IllegalArgumentException when the bytes do not match their sha256, are not a valid artifact, or do not
     *                                  score like a classifier
     */
    public ServedVersion load(String model, int version, byte[] artifact, String expectedSha256) {
        String actual = Sha256.requireMatch(artifact, expectedSha256, model + " v" + version);
        TabularModelArtifact parsed;
        try {
            parsed = ArtifactCodec.read(artifact);
        } catch (ProblemException invalid) {
            throw new IllegalArgumentException(model + " v" + version + " is not a valid tabular model: "
                    + invalid.getMessage(), invalid);
        }
        TabularModel compiled = TabularModel.compile(parsed);
        warmUp(model, version, parsed, compiled);
        return new ServedVersion(model, version, actual, compiled, new VersionMetrics(registry, minutes, model,
                version));
    }

    // Scoring the warm-up rows a few times brings the scorer to compiled code before the first request pays for it.
    private void warmUp(String model, int version, TabularModelArtifact artifact, TabularModel compiled) {
        FeatureBatch rows = WarmUpRows.batch(artifact, settings.warmUpRows(), version);
        double[] probabilities = new double[rows.rows()];
        TabularModel.Scratch scratch = compiled.newScratch();
        for (int round = 0; round < settings.warmUpRounds(); round++) {
            compiled.score(rows, scratch, probabilities);
        }
        for (double probability : probabilities) {
            if (!(probability >= 0 && probability <= 1)) {
                throw new IllegalArgumentException(model + " v" + version + " scores " + probability
                        + " on a warm-up row; a probability must be within [0, 1]");
            }
        }
    }

    void serveModelFilesAtStart(@Observes StartupEvent start, ServedModels served) {
        for (Map.Entry<String, Path> file : settings.modelFiles().entrySet()) {
            byte[] artifact;
            try {
                artifact = Files.readAllBytes(file.getValue());
            } catch (IOException e) {
                throw new UncheckedIOException("flywheel.serving.model-files." + file.getKey() + " (" + file.getValue()
                        + ") cannot be read", e);
            }
            served.swap(file.getKey(), ServingState.of(load(file.getKey(), FILE_VERSION, artifact,
                    Sha256.hex(artifact))));
            LOG.infof("serving model %s from %s (version %d)", file.getKey(), file.getValue(), FILE_VERSION);
        }
    }
}
