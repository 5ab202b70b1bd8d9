package io.flywheel.shared.inference;

import io.flywheel.shared.tabular.FeatureBatch;

/**
 * The rows of a request, ready to score, and the same values column by column in schema order (a {@code double[]}
 * with {@code NaN} for missing, or a {@code String[]} with {@code null} for missing) for whoever logs them.
 *
 * @param batch   what the model scores
 * @param columns one column per schema feature; the batch reads the same arrays, so do not change them
 */
public record TensorBatch(FeatureBatch batch, Object[] columns) {

    public int rows() {
        return batch.rows();
    }

    /** The value of a feature on a row: a finite {@code Double}, a {@code String}, or {@code null} when missing. */
    public Object value(int feature, int row) {
        if (columns[feature] instanceof double[] numbers) {
            return Double.isNaN(numbers[row]) ? null : numbers[row];
        }
        return ((String[]) columns[feature])[row];
    }
}
