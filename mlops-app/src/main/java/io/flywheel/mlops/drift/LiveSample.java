package io.flywheel.mlops.drift;

import io.flywheel.mlops.predictions.LoggedRow;
import io.flywheel.mlops.predictions.RowSink;
import io.flywheel.shared.data.ColumnType;
import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.drift.DriftAccumulator;
import io.flywheel.shared.drift.ReferenceStatistics;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * What a drift run keeps of a window while it streams by: the counts per reference bin (not the values), the time
 * span, and the (probability, true label) pairs of the predictions that received feedback — a minority, kept in
 * growing primitive arrays for live accuracy and AUC.
 */
final class LiveSample implements RowSink {

    private static final int INITIAL_LABELLED = 1024;

    private final FeatureSchema schema;
    private final DriftAccumulator counts;
    private final int[] featureIndex;
    private final boolean[] numeric;
    private long rows;
    private double firstSecond = Double.POSITIVE_INFINITY;
    private double lastSecond = Double.NEGATIVE_INFINITY;
    private double[] scores = new double[INITIAL_LABELLED];
    private int[] labels = new int[INITIAL_LABELLED];
    private int labelled;

    LiveSample(FeatureSchema schema, ReferenceStatistics reference) {
        this.schema = schema;
        this.counts = new DriftAccumulator(reference);
        int features = schema.features().size();
        featureIndex = new int[features];
        numeric = new boolean[features];
        for (int f = 0; f < features; f++) {
            featureIndex[f] = counts.indexOf(schema.features().get(f).name());
            numeric[f] = schema.features().get(f).type() == ColumnType.NUMERIC;
        }
    }

    @Override
    public void accept(LoggedRow row) throws SQLException {
        for (int f = 0; f < featureIndex.length; f++) {
            if (numeric[f]) {
                counts.addNumeric(featureIndex[f], row.numeric(f));
            } else {
                counts.addCategorical(featureIndex[f], row.category(f));
            }
        }
        double probability = row.probability();
        counts.addPrediction(probability);
        double second = row.epochSeconds();
        firstSecond = Math.min(firstSecond, second);
        lastSecond = Math.max(lastSecond, second);
        rows++;
        String truth = row.trueLabel();
        if (truth != null) {
            addLabelled(probability, truth.equals(schema.positiveClass()) ? 1 : 0);
        }
    }

    private void addLabelled(double probability, int label) {
        if (labelled == scores.length) {
            scores = Arrays.copyOf(scores, labelled * 2);
            labels = Arrays.copyOf(labels, labelled * 2);
        }
        scores[labelled] = probability;
        labels[labelled] = label;
        labelled++;
    }

    DriftAccumulator counts() {
        return counts;
    }

    long rows() {
        return rows;
    }

    /** Epoch seconds of the oldest prediction, or NaN when none. */
    double firstSecond() {
        return rows == 0 ? Double.NaN : firstSecond;
    }

    double lastSecond() {
        return rows == 0 ? Double.NaN : lastSecond;
    }

    int labelled() {
        return labelled;
    }

    double[] labelledScores() {
        return Arrays.copyOf(scores, labelled);
    }

    int[] labelledTruth() {
        return Arrays.copyOf(labels, labelled);
    }
}
