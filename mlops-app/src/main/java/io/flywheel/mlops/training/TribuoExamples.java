package io.flywheel.mlops.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Encoded rows as Tribuo examples: one feature per encoded number, named as the encoder names it, zeros kept
 * explicit; a missing value ({@code NaN}, boosted trees only) is left out, which XGBoost reads as missing.
 */
final class TribuoExamples {

    static final LabelFactory LABELS = new LabelFactory();

    private TribuoExamples() {
    }

    static MutableDataset<Label> dataset(EncodedRows rows) {
        MutableDataset<Label> dataset = new MutableDataset<>(
                new SimpleDataSourceProvenance("flywheel-snapshot", LABELS), LABELS);
        for (Example<Label> example : examples(rows)) {
            dataset.add(example);
        }
        return dataset;
    }

    static List<Example<Label>> examples(EncodedRows rows) {
        String[] allNames = rows.names().toArray(String[]::new);
        List<Example<Label>> examples = new ArrayList<>(rows.size());
        for (int row = 0; row < rows.size(); row++) {
            Label label = new Label(rows.classes().get(rows.labels()[row]));
            examples.add(example(label, allNames, rows.values()[row]));
        }
        return examples;
    }

    /** The positive-class score of each example, as the model predicts it. */
    static double[] positiveScores(Model<Label> model, EncodedRows rows) {
        List<Prediction<Label>> predictions = model.predict(examples(rows));
        double[] scores = new double[predictions.size()];
        for (int i = 0; i < scores.length; i++) {
            Label positive = predictions.get(i).getOutputScores().get(rows.positiveClass());
            scores[i] = positive == null ? 0 : positive.getScore();
        }
        return scores;
    }

    private static ArrayExample<Label> example(Label label, String[] allNames, double[] values) {
        int present = 0;
        for (double value : values) {
            present += Double.isNaN(value) ? 0 : 1;
        }
        if (present == values.length) {
            return new ArrayExample<>(label, allNames, values.clone());
        }
        String[] names = new String[present];
        double[] kept = new double[present];
        int next = 0;
        for (int j = 0; j < values.length; j++) {
            if (!Double.isNaN(values[j])) {
                names[next] = allNames[j];
                kept[next++] = values[j];
            }
        }
        return new ArrayExample<>(label, Arrays.copyOf(names, next), Arrays.copyOf(kept, next));
    }
}
