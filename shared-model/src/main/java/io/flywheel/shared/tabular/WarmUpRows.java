package io.flywheel.shared.tabular;

import io.flywheel.shared.data.Feature;
import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.drift.FeatureReference;
import io.flywheel.shared.drift.NumericReference;
import java.util.List;
import java.util.Random;

/**
 * Synthetic rows that exercise every path of a model before serving swaps it in: numeric values drawn across the
 * reference bins (and beyond the outer edges), categories from training, plus missing values and an unseen category
 * (so imputation and all-zero one-hot paths run too). Deterministic for a seed.
 */
public final class WarmUpRows {

    /** A category no model has seen, to warm up the unseen-category path. */
    public static final String UNSEEN_CATEGORY = "\u0000flywheel-warm-up-unseen";

    /** Share of warm-up values that are missing, and (for categories) unseen. */
    private static final double MISSING_SHARE = 0.1;

    private WarmUpRows() {
    }

    /** A batch of {@code rows} synthetic rows for the artifact's schema. */
    public static FeatureBatch batch(TabularModelArtifact artifact, int rows, long seed) {
        Random random = new Random(seed);
        FeatureSchema schema = artifact.schema();
        FeatureBatch.Builder builder = FeatureBatch.builder(schema, rows);
        List<Feature> features = schema.features();
        for (int f = 0; f < features.size(); f++) {
            Feature feature = features.get(f);
            FeatureReference reference = artifact.reference().features().get(f);
            if (reference instanceof NumericReference numeric) {
                double[] values = new double[rows];
                for (int row = 0; row < rows; row++) {
                    values[row] = random.nextDouble() < MISSING_SHARE ? Double.NaN : draw(numeric, random);
                }
                builder.numeric(feature.name(), values);
            } else {
                String[] values = new String[rows];
                for (int row = 0; row < rows; row++) {
                    values[row] = drawCategory(feature.categories(), random);
                }
                builder.categorical(feature.name(), values);
            }
        }
        return builder.build();
    }

    private static double draw(NumericReference reference, Random random) {
        double[] edges = reference.edges();
        if (edges.length == 0) {
            return reference.mean() + reference.std() * random.nextGaussian();
        }
        int bin = random.nextInt(edges.length + 1);
        double spread = Math.max(reference.std(), 1);
        if (bin == 0) {
            return edges[0] - spread * random.nextDouble();
        }
        if (bin == edges.length) {
            return edges[edges.length - 1] + spread * random.nextDouble();
        }
        return edges[bin - 1] + (edges[bin] - edges[bin - 1]) * random.nextDouble();
    }

    private static String drawCategory(List<String> categories, Random random) {
        double roll = random.nextDouble();
        if (roll < MISSING_SHARE || categories.isEmpty()) {
            return null;
        }
        if (roll < 2 * MISSING_SHARE) {
            return UNSEEN_CATEGORY;
        }
        return categories.get(random.nextInt(categories.size()));
    }
}
