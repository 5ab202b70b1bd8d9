package io.flywheel.shared.tabular;

import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.data.Table;
import io.flywheel.shared.drift.ReferenceOptions;
import io.flywheel.shared.drift.ReferenceStatistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Builds artifacts of every algorithm over any table without a training library, for tests and benchmarks:
 * trees are complete binary trees of the given depth whose splits test random encoded features at thresholds drawn
 * from the encoded training values (so rows really spread over the leaves); leaf values are random; logistic
 * weights are random. The structure and arithmetic are what scoring must handle; the quality is irrelevant.
 * Deterministic for a seed.
 */
public final class SyntheticModels {

    private final FeatureSchema schema;
    private final Table table;
    private final Random random;

    public SyntheticModels(FeatureSchema schema, Table table, long seed) {
        this.schema = schema;
        this.table = table;
        this.random = new Random(seed);
    }

    public TabularModelArtifact logisticRegression(boolean softmax) {
        FeatureEncoder encoder = FeatureEncoder.fit(schema, table, EncoderOptions.linear());
        int rows = softmax ? 2 : 1;
        double[][] weights = new double[rows][encoder.width()];
        double[] biases = new double[rows];
        for (int c = 0; c < rows; c++) {
            for (int j = 0; j < encoder.width(); j++) {
                weights[c][j] = random.nextGaussian() * 0.3;
            }
            biases[c] = random.nextGaussian();
        }
        return artifact(encoder, new LogisticRegression(weights, biases));
    }

    public TabularModelArtifact randomForest(int trees, int depth, RandomForest.Combiner combiner) {
        FeatureEncoder encoder = FeatureEncoder.fit(schema, table, EncoderOptions.trees());
        double[][] encoded = encoder.encode(table);
        List<DecisionTree> forest = new ArrayList<>();
        double[] weights = new double[trees];
        for (int t = 0; t < trees; t++) {
            Shape shape = shape(depth, encoded);
            double[] thresholds = new double[shape.feature.length];
            double[] values = new double[shape.feature.length];
            for (int i = 0; i < thresholds.length; i++) {
                thresholds[i] = shape.feature[i] < 0 ? 0 : shape.threshold[i];
                values[i] = shape.feature[i] < 0 ? Math.floor(random.nextDouble() * 8) / 8 : 0;
            }
            forest.add(new DecisionTree(shape.feature, thresholds, shape.left, shape.right, values));
            weights[t] = 1;
        }
        return artifact(encoder, new RandomForest(combiner, random.nextBoolean(), weights, forest));
    }

    public TabularModelArtifact boostedTrees(int trees, int depth, GradientBoostedTrees.Objective objective) {
        FeatureEncoder encoder = FeatureEncoder.fit(schema, table, EncoderOptions.boostedTrees());
        double[][] encoded = encoder.encode(table);
        List<BoostedTree> boosted = new ArrayList<>();
        for (int t = 0; t < trees; t++) {
            Shape shape = shape(depth, encoded);
            int nodes = shape.feature.length;
            float[] thresholds = new float[nodes];
            float[] values = new float[nodes];
            boolean[] defaultLeft = new boolean[nodes];
            for (int i = 0; i < nodes; i++) {
                thresholds[i] = shape.feature[i] < 0 ? 0 : (float) shape.threshold[i];
                values[i] = shape.feature[i] < 0 ? (float) (random.nextGaussian() * 0.1) : 0;
                defaultLeft[i] = random.nextBoolean();
            }
            int outputClass = objective == GradientBoostedTrees.Objective.BINARY_LOGISTIC ? 1 : t % 2;
            boosted.add(new BoostedTree(outputClass, shape.feature, thresholds, shape.left, shape.right, defaultLeft,
                    values));
        }
        float base = objective == GradientBoostedTrees.Objective.BINARY_LOGISTIC ? 0f : 0.5f;
        return artifact(encoder, new GradientBoostedTrees(objective, base, false, boosted));
    }

    private TabularModelArtifact artifact(FeatureEncoder encoder, ModelParameters model) {
        TabularModelArtifact draft = TabularModelArtifact.of(schema, encoder, model, 0.5,
                placeholderReference(), new TrainingMetadata("synthetic", "1", 42, Map.of("generator", "SyntheticModels")));
        double[] predictions = TabularModel.compile(draft).score(FeatureBatch.of(schema, table));
        ReferenceStatistics reference = ReferenceStatistics.of(schema, table, predictions, ReferenceOptions.defaults());
        return TabularModelArtifact.of(schema, encoder, model, 0.5, reference, draft.training());
    }

    private ReferenceStatistics placeholderReference() {
        return ReferenceStatistics.of(schema, table, new double[table.rowCount()], ReferenceOptions.defaults());
    }

    /** A complete tree of the depth, in breadth-first order, splits at values some training row really has. */
    private Shape shape(int depth, double[][] encoded) {
        int nodes = (1 << (depth + 1)) - 1;
        int splits = (1 << depth) - 1;
        Shape shape = new Shape(new int[nodes], new double[nodes], new int[nodes], new int[nodes]);
        for (int i = 0; i < nodes; i++) {
            if (i < splits) {
                int feature = random.nextInt(encoded[0].length);
                double value = encoded[random.nextInt(encoded.length)][feature];
                shape.feature[i] = feature;
                shape.threshold[i] = Double.isNaN(value) ? 0 : value;
                shape.left[i] = 2 * i + 1;
                shape.right[i] = 2 * i + 2;
            } else {
                shape.feature[i] = -1;
                shape.left[i] = -1;
                shape.right[i] = -1;
            }
        }
        return shape;
    }

    private record Shape(int[] feature, double[] threshold, int[] left, int[] right) {
    }

    /** A synthetic table of {@code numeric} numeric and {@code categorical} categorical features plus a 0/1 label. */
    public static Table table(int rows, int numeric, int categorical, long seed) {
        Random random = new Random(seed);
        List<String> header = new ArrayList<>();
        for (int f = 0; f < numeric; f++) {
            header.add("x" + f);
        }
        for (int f = 0; f < categorical; f++) {
            header.add("c" + f);
        }
        header.add("label");
        var builder = Table.builder(header);
        for (int row = 0; row < rows; row++) {
            String[] cells = new String[header.size()];
            double signal = 0;
            for (int f = 0; f < numeric; f++) {
                double value = random.nextGaussian() * (f + 1);
                signal += value / (f + 1);
                cells[f] = random.nextDouble() < 0.02 ? "" : Double.toString(value);
            }
            for (int f = 0; f < categorical; f++) {
                cells[numeric + f] = random.nextDouble() < 0.02 ? "" : "k" + random.nextInt(5 + f);
            }
            cells[header.size() - 1] = signal + random.nextGaussian() > 2 ? "1" : "0";
            builder.addRow(cells);
        }
        return builder.build();
    }
}
