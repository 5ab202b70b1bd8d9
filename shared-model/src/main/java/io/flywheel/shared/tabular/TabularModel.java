package io.flywheel.shared.tabular;

import io.flywheel.shared.data.ColumnType;
import io.flywheel.shared.data.Feature;
import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.problem.Problem;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import java.util.List;
import java.util.Map;

/**
 * A compiled, immutable, thread-safe tabular classifier: encoder and parameters flattened into primitive arrays.
 * Scoring a batch with a caller-owned {@link Scratch} allocates nothing per row. Missing inputs are imputed as the
 * encoder says; infinities are refused when the {@link FeatureBatch} is built.
 */
public final class TabularModel {

    private final TabularModelArtifact artifact;
    private final CompiledEncoder encoder;
    private final Scorer scorer;

    private TabularModel(TabularModelArtifact artifact) {
        this.artifact = artifact;
        this.encoder = new CompiledEncoder(artifact.encoder());
        this.scorer = artifact.model().compile();
    }

    /** Compiles a (validated) artifact for scoring. */
    public static TabularModel compile(TabularModelArtifact artifact) {
        return new TabularModel(artifact);
    }

    public TabularModelArtifact artifact() {
        return artifact;
    }

    public FeatureSchema schema() {
        return artifact.schema();
    }

    /** Probabilities at or above this are the positive class. */
    public double threshold() {
        return artifact.threshold();
    }

    /** A builder of a batch for this model. */
    public FeatureBatch.Builder batch(int rows) {
        return FeatureBatch.builder(schema(), rows);
    }

    /** Working memory for one thread's scoring; keep one per thread (or per request) and reuse it. */
    public Scratch newScratch() {
        return new Scratch(encoder.width());
    }

    /**
     * Writes the positive-class probability of every row of the batch into {@code probabilities[0..rows)}.
     * Allocates nothing.
     */
    public void score(FeatureBatch batch, Scratch scratch, double[] probabilities) {
        if (batch.schema() != schema() && !batch.schema().equals(schema())) {
            throw new IllegalArgumentException("the batch was built for another schema");
        }
        if (scratch.encoded.length != encoder.width()) {
            throw new IllegalArgumentException("the scratch belongs to a model of another width");
        }
        if (probabilities.length < batch.rows()) {
            throw new IllegalArgumentException("room for " + probabilities.length + " probabilities, "
                    + batch.rows() + " rows");
        }
        double[][] numeric = batch.numericColumns();
        String[][] categorical = batch.categoricalColumns();
        for (int row = 0; row < batch.rows(); row++) {
            encoder.encode(numeric, categorical, row, scratch.encoded);
            probabilities[row] = scorer.score(scratch);
        }
    }

    /** The positive-class probability of every row (allocates the result and a scratch). */
    public double[] score(FeatureBatch batch) {
        double[] probabilities = new double[batch.rows()];
        score(batch, newScratch(), probabilities);
        return probabilities;
    }

    /**
     * The positive-class probability of one row given as feature name → value: a {@link Number} (or null) for a
     * numeric feature, a {@link String} (or null) for a categorical one. A convenience; batches are faster.
     */
    public double scoreRow(Map<String, ?> row) {
        FeatureBatch.Builder builder = batch(1);
        for (Map.Entry<String, ?> entry : row.entrySet()) {
            Object value = entry.getValue();
            if (value == null) {
                addMissing(builder, entry.getKey());
            } else if (value instanceof Number number) {
                builder.numeric(entry.getKey(), new double[] {number.doubleValue()});
            } else if (value instanceof String text) {
                builder.categorical(entry.getKey(), new String[] {text});
            } else {
                throw new ProblemException(ProblemType.INVALID_REQUEST, "feature `" + entry.getKey()
                        + "` must be a number or a string", List.of(new Problem.FieldError(entry.getKey(),
                        "must be a number or a string")));
            }
        }
        return score(builder.build())[0];
    }

    /** The class a probability stands for: the positive class at or above the threshold. */
    public String label(double probability) {
        return probability >= threshold() ? schema().positiveClass() : schema().negativeClass();
    }

    private void addMissing(FeatureBatch.Builder builder, String name) {
        boolean numeric = schema().features().stream()
                .filter(feature -> feature.name().equals(name))
                .map(Feature::type)
                .findFirst()
                .orElse(ColumnType.NUMERIC) == ColumnType.NUMERIC;
        if (numeric) {
            builder.numeric(name, new double[] {Double.NaN});
        } else {
            builder.categorical(name, new String[] {null});
        }
    }

    /** One thread's working memory: the encoded row, and its float copy for boosted trees. */
    public static final class Scratch {

        final double[] encoded;
        final float[] encodedAsFloat;

        private Scratch(int width) {
            this.encoded = new double[width];
            this.encodedAsFloat = new float[width];
        }
    }
}
