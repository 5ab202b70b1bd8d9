package io.flywheel.mlops.training;

import io.flywheel.shared.tabular.LogisticRegression;
import io.flywheel.shared.tabular.ModelParameters;
import java.util.Map;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Tribuo;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.optimisers.AdaGrad;

/**
 * Logistic regression by Tribuo's {@link LinearSGDTrainer} (log loss, AdaGrad), on standardised, imputed features.
 *
 * @param epochs       passes over the data
 * @param learningRate AdaGrad's initial learning rate
 * @param minibatch    examples per gradient step
 */
public record LogisticRegressionCandidate(int epochs, double learningRate, int minibatch) implements CandidateTrainer {

    /** AdaGrad's epsilon, Tribuo's default for logistic regression. */
    private static final double ADAGRAD_EPSILON = 0.1;

    @Override
    public Algorithm algorithm() {
        return Algorithm.LOGISTIC_REGRESSION;
    }

    @Override
    public String library() {
        return "tribuo";
    }

    @Override
    public String libraryVersion() {
        return Tribuo.VERSION;
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of("epochs", Integer.toString(epochs), "learningRate", Double.toString(learningRate),
                "minibatch", Integer.toString(minibatch));
    }

    @Override
    public FittedModel fit(EncodedRows rows, long seed) {
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(),
                new AdaGrad(learningRate, ADAGRAD_EPSILON), epochs, Integer.MAX_VALUE, minibatch, seed);
        LinearSGDModel model = (LinearSGDModel) trainer.train(TribuoExamples.dataset(rows));
        return new FittedModel() {
            @Override
            public double[] predict(EncodedRows scored) {
                return TribuoExamples.positiveScores(model, scored);
            }

            @Override
            public ModelParameters export() {
                return exported(model, rows);
            }
        };
    }

    /** Tribuo's weights are {@code [label id][feature id]} with the bias last; the artifact's are by class and name. */
    private static LogisticRegression exported(LinearSGDModel model, EncodedRows rows) {
        DenseMatrix w = model.getWeightsCopy();
        ImmutableFeatureMap features = model.getFeatureIDMap();
        ImmutableOutputInfo<Label> labels = model.getOutputIDInfo();
        int biasColumn = features.size();
        double[][] weights = new double[2][rows.names().size()];
        double[] biases = new double[2];
        for (int c = 0; c < 2; c++) {
            int labelId = labels.getID(new Label(rows.classes().get(c)));
            for (int j = 0; j < weights[c].length; j++) {
                int featureId = features.getID(rows.names().get(j));
                // a feature never seen non-zero in training is unknown to Tribuo: it contributes nothing
                weights[c][j] = featureId < 0 ? 0 : w.get(labelId, featureId);
            }
            biases[c] = w.get(labelId, biasColumn);
        }
        return new LogisticRegression(weights, biases);
    }
}
