package io.flywheel.shared.tabular;

/**
 * A logistic regression. With one row of weights the probability is {@code sigmoid(w·x + b)}; with two rows (one per
 * class, {@code [negative, positive]}, as Tribuo's {@code LogisticRegressionTrainer} learns it) it is the softmax of
 * the two scores {@code w_c·x + b_c}, computed as Tribuo does (subtract the maximum, exponentiate, normalise).
 *
 * @param weights one or two rows, each as long as the encoded vector
 * @param biases  one bias per row
 */
public record LogisticRegression(double[][] weights, double[] biases) implements ModelParameters {

    static final String TYPE = "logistic-regression";

    public LogisticRegression {
        ArtifactChecks.requirePresent(weights, "weights");
        ArtifactChecks.requireFinite(biases, "biases");
        if (weights.length < 1 || weights.length > 2) {
            throw new IllegalArgumentException("weights must have one row (sigmoid) or two (softmax), has "
                    + weights.length);
        }
        if (biases.length != weights.length) {
            throw new IllegalArgumentException("biases must have one value per row of weights (" + weights.length
                    + "), has " + biases.length);
        }
        for (int c = 0; c < weights.length; c++) {
            ArtifactChecks.requireFinite(weights[c], "weights[" + c + "]");
            if (weights[c].length != weights[0].length) {
                throw new IllegalArgumentException("weights rows differ in length: " + weights[0].length + " and "
                        + weights[c].length);
            }
        }
    }

    @Override
    public String algorithm() {
        return TYPE;
    }

    @Override
    public void checkWidth(int encodedWidth) {
        if (weights[0].length != encodedWidth) {
            throw new IllegalArgumentException("weights rows have " + weights[0].length
                    + " values but the encoder produces " + encodedWidth);
        }
    }

    @Override
    public boolean acceptsMissing() {
        return false;
    }

    @Override
    public Scorer compile() {
        double[][] w = new double[weights.length][];
        for (int c = 0; c < w.length; c++) {
            w[c] = weights[c].clone();
        }
        double[] b = biases.clone();
        if (w.length == 1) {
            return scratch -> 1 / (1 + Math.exp(-(dot(w[0], scratch.encoded) + b[0])));
        }
        return scratch -> softmaxOfPositive(dot(w[0], scratch.encoded) + b[0], dot(w[1], scratch.encoded) + b[1]);
    }

    private static double dot(double[] weights, double[] x) {
        double sum = 0;
        for (int j = 0; j < weights.length; j++) {
            sum += weights[j] * x[j];
        }
        return sum;
    }

    private static double softmaxOfPositive(double negative, double positive) {
        double max = Math.max(negative, positive);
        double expNegative = Math.exp(negative - max);
        double expPositive = Math.exp(positive - max);
        return expPositive / (expNegative + expPositive);
    }
}
