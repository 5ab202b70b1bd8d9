package io.flywheel.mlops.training;

import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.data.Table;
import io.flywheel.shared.evaluation.Split;
import io.flywheel.shared.evaluation.StratifiedSplits;

/**
 * A snapshot cut into the rows models learn from and the rows held out to judge them — reproducibly, so that the
 * evaluation gate can rebuild exactly the held-out rows a candidate never saw from its snapshot, seed and fraction.
 *
 * @param train       the training rows
 * @param trainLabels their 0/1 labels
 * @param test        the held-out rows
 * @param testLabels  their 0/1 labels
 */
public record HoldoutPartition(Table train, int[] trainLabels, Table test, int[] testLabels) {

    /** The stratified hold-out of {@code testFraction} of each class, shuffled by {@code seed}. */
    public static HoldoutPartition of(Table table, FeatureSchema schema, double testFraction, long seed) {
        int[] labels = schema.labels(table);
        Split split = StratifiedSplits.holdout(labels, testFraction, seed);
        return new HoldoutPartition(table.select(split.train()), pick(labels, split.train()),
                table.select(split.test()), pick(labels, split.test()));
    }

    static int[] pick(int[] values, int[] rows) {
        int[] picked = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            picked[i] = values[rows[i]];
        }
        return picked;
    }
}
