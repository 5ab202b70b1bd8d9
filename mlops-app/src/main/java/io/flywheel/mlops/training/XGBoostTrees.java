package io.flywheel.mlops.training;

import io.flywheel.shared.tabular.GradientBoostedTrees;
import io.flywheel.shared.tabular.XGBoostJsonImport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Trains and exports XGBoost tree models through XGBoost4J itself: a dense float matrix of the encoded rows
 * ({@code NaN} = missing), objective {@code binary:logistic} starting from the training prior (so the trees correct
 * the base rate rather than 0.5), histogram splits. The booster's JSON model becomes the artifact's trees.
 */
final class XGBoostTrees {

    /** A candidate XGBoost trains: library and version come from here. */
    interface Candidate extends CandidateTrainer {

        @Override
        default String library() {
            return LIBRARY;
        }

        @Override
        default String libraryVersion() {
            return VERSION;
        }
    }

    /** The library name recorded in tree artifacts. */
    static final String LIBRARY = "xgboost";
    /** XGBoost4J's version, read from its jar. */
    static final String VERSION = version();

    private XGBoostTrees() {
    }

    /** Trains {@code rounds} boosting rounds with these parameters (on top of the objective and base rate). */
    static FittedModel fit(EncodedRows rows, Map<String, Object> parameters, int rounds, long seed) {
        Map<String, Object> all = new HashMap<>(parameters);
        all.put("objective", "binary:logistic");
        all.put("base_score", prior(rows.labels()));
        all.put("tree_method", "hist");
        all.put("seed", seed);
        all.put("verbosity", 0);
        Booster booster;
        DMatrix matrix = matrix(rows, true);
        try {
            booster = XGBoost.train(matrix, all, rounds, Map.of(), null, null);
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed to train: " + e.getMessage(), e);
        } finally {
            matrix.dispose();
        }
        return new FittedModel() {
            @Override
            public double[] predict(EncodedRows scored) {
                DMatrix input = matrix(scored, false);
                try {
                    float[][] predictions = booster.predict(input);
                    double[] scores = new double[predictions.length];
                    for (int i = 0; i < scores.length; i++) {
                        scores[i] = predictions[i][0];
                    }
                    return scores;
                } catch (XGBoostError e) {
                    throw new IllegalStateException("XGBoost failed to predict: " + e.getMessage(), e);
                } finally {
                    input.dispose();
                }
            }

            @Override
            public GradientBoostedTrees export() {
                int[] identity = new int[rows.names().size()];
                for (int j = 0; j < identity.length; j++) {
                    identity[j] = j;
                }
                try {
                    return XGBoostJsonImport.read(booster.toByteArray("json"), identity, 1, false);
                } catch (XGBoostError e) {
                    throw new IllegalStateException("XGBoost could not save the booster as JSON", e);
                }
            }
        };
    }

    private static DMatrix matrix(EncodedRows rows, boolean labelled) {
        int width = rows.names().size();
        float[] values = new float[rows.size() * width];
        for (int row = 0; row < rows.size(); row++) {
            double[] encoded = rows.values()[row];
            for (int j = 0; j < width; j++) {
                values[row * width + j] = (float) encoded[j];
            }
        }
        try {
            DMatrix matrix = new DMatrix(values, rows.size(), width, Float.NaN);
            if (labelled) {
                float[] labels = new float[rows.size()];
                for (int row = 0; row < labels.length; row++) {
                    labels[row] = rows.labels()[row];
                }
                matrix.setLabel(labels);
            }
            return matrix;
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost could not take the training matrix: " + e.getMessage(), e);
        }
    }

    private static float prior(int[] labels) {
        long positives = 0;
        for (int label : labels) {
            positives += label;
        }
        return (float) positives / labels.length;
    }

    private static String version() {
        try (InputStream in = XGBoost.class.getResourceAsStream("/META-INF/maven/ml.dmlc/xgboost4j_2.12/pom.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
