package io.flywheel.mlops.registry;

import io.flywheel.shared.assistant.AssistantConfig;
import io.flywheel.shared.assistant.AssistantConfigCodec;
import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.data.Table;
import io.flywheel.shared.retrieval.Chunk;
import io.flywheel.shared.retrieval.ChunkingParams;
import io.flywheel.shared.retrieval.RagIndex;
import io.flywheel.shared.retrieval.RagIndexCodec;
import io.flywheel.shared.retrieval.SourceDocument;
import io.flywheel.shared.retrieval.VectorIndex;
import io.flywheel.shared.tabular.ArtifactCodec;
import io.flywheel.shared.tabular.SyntheticModels;
import io.flywheel.testing.TestDatasets;
import java.util.List;
import java.util.Random;

/**
 * Artifact bytes of every kind, in their real formats, for the registry's tests. The registry checks the format and
 * keeps the bytes; what the model predicts is irrelevant to it, so the tabular artifacts are shared-model's synthetic
 * models fitted on the real breast-cancer data (the training branch registers trained ones).
 */
public final class TestArtifacts {

    private static final Table BREAST_CANCER = TestDatasets.breastCancer();
    private static final FeatureSchema SCHEMA = FeatureSchema.infer(BREAST_CANCER, "diagnosis", "1");
    private static final int DIMENSION = 16;

    private TestArtifacts() {
    }

    /** A logistic-regression artifact; each seed gives other weights, hence another sha256. */
    public static byte[] tabular(long seed) {
        return ArtifactCodec.write(new SyntheticModels(SCHEMA, BREAST_CANCER, seed).logisticRegression(false));
    }

    /** The default assistant configuration at a given temperature. */
    public static byte[] assistantConfig(double temperature) {
        AssistantConfig defaults = AssistantConfig.defaults();
        return AssistantConfigCodec.write(new AssistantConfig(defaults.prompts(), defaults.routing(),
                new AssistantConfig.Generation(temperature, defaults.generation().maxTokens()), defaults.retrieval(),
                defaults.safety()));
    }

    /** A two-passage index with seeded unit vectors. */
    public static byte[] ragIndex(long seed) {
        String text = "How do I install Python? Download it from python.org and run the installer.";
        List<Chunk> chunks = List.of(
                new Chunk("install.rst", "install.rst#0", "Installing", 0, 24, text.substring(0, 24)),
                new Chunk("install.rst", "install.rst#1", "Installing", 25, text.length(), text.substring(25)));
        Random random = new Random(seed);
        float[] vectors = new float[chunks.size() * DIMENSION];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = (float) random.nextGaussian();
        }
        return RagIndexCodec.write(new RagIndex("test-embeddings", new ChunkingParams(40, 5),
                List.of(new SourceDocument("install.rst", "cd".repeat(32), text.length())), chunks,
                VectorIndex.normalising(vectors, DIMENSION)));
    }
}
