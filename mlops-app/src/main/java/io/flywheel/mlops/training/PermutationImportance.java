package io.flywheel.mlops.training;

import io.flywheel.shared.data.Column;
import io.flywheel.shared.data.Feature;
import io.flywheel.shared.data.Table;
import io.flywheel.shared.evaluation.RankingMetrics;
import io.flywheel.shared.tabular.FeatureBatch;
import io.flywheel.shared.tabular.TabularModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Permutation importance (Breiman; scikit-learn's {@code permutation_importance}): the drop of ROC AUC when one
 * feature's values are shuffled among the held-out rows, breaking its link to the label. It needs only the scorer,
 * so every algorithm is measured the same way, on the artifact that will serve.
 */
final class PermutationImportance {

    private PermutationImportance() {
    }

    /** Importance of every schema feature on at most {@code maxRows} of the rows, largest first. */
    static List<FeatureImportance> of(TabularModel model, Table rows, int[] labels, int maxRows, long seed) {
        Table sample = rows;
        int[] sampleLabels = labels;
        if (rows.rowCount() > maxRows) {
            int[] picked = new int[maxRows];
            for (int i = 0; i < maxRows; i++) {
                picked[i] = i;
            }
            sample = rows.select(picked);
            sampleLabels = java.util.Arrays.copyOf(labels, maxRows);
        }
        double base = auc(model, sample, sampleLabels);
        List<FeatureImportance> importance = new ArrayList<>();
        List<Feature> features = model.schema().features();
        for (int f = 0; f < features.size(); f++) {
            Table shuffled = withShuffled(sample, features.get(f).name(), new Random(seed + f));
            importance.add(new FeatureImportance(features.get(f).name(), base - auc(model, shuffled, sampleLabels)));
        }
        importance.sort(Comparator.comparingDouble(FeatureImportance::importance).reversed()
                .thenComparing(FeatureImportance::feature));
        return importance;
    }

    private static double auc(TabularModel model, Table rows, int[] labels) {
        // with a single class present the ranking is undefined; 0.5 makes every importance 0
        return RankingMetrics.rocAuc(labels, model.score(FeatureBatch.of(model.schema(), rows))).orElse(0.5);
    }

    private static Table withShuffled(Table table, String name, Random random) {
        int[] order = new int[table.rowCount()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        List<Column> columns = new ArrayList<>();
        for (Column column : table.columns()) {
            columns.add(column.name().equals(name) ? column.select(order) : column);
        }
        return Table.of(columns);
    }
}
