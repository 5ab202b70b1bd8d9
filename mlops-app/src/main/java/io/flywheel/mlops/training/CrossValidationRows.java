package io.flywheel.mlops.training;

import io.flywheel.shared.data.Table;
import io.flywheel.shared.evaluation.StratifiedSplits;

/**
 * The training rows cross-validation runs on: all of them, or beyond {@code maxRows} a stratified sample of that
 * many. Cross-validation only compares candidates and picks their thresholds; on large data a sample does that
 * almost as well at a fraction of the cost, while the final models still learn from every training row.
 *
 * @param table  the rows
 * @param labels their 0/1 labels
 */
record CrossValidationRows(Table table, int[] labels) {

    static CrossValidationRows of(HoldoutPartition partition, int maxRows, long seed) {
        int rows = partition.train().rowCount();
        if (rows <= maxRows) {
            return new CrossValidationRows(partition.train(), partition.trainLabels());
        }
        int[] sample = StratifiedSplits.holdout(partition.trainLabels(), (double) maxRows / rows, seed).test();
        return new CrossValidationRows(partition.train().select(sample),
                HoldoutPartition.pick(partition.trainLabels(), sample));
    }
}
