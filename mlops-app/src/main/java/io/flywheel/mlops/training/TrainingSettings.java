package io.flywheel.mlops.training;

import io.flywheel.shared.drift.ReferenceOptions;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** How {@code retrain} trains ({@code flywheel.training.*}); docs/training.md explains each default. */
@ConfigMapping(prefix = "flywheel.training")
public interface TrainingSettings {

    /** The dataset {@code retrain} trains on when a run does not name one; unset: the newest snapshot of any. */
    Optional<String> dataset();

    /** Seeds the split, the folds, every model and the importance shuffles: same snapshot and settings, same bytes. */
    @WithDefault("42")
    long seed();

    /** Share of each class held out for the final metrics and the evaluation gate. */
    @WithDefault("0.2")
    double testFraction();

    /** Folds of the cross-validation on the training part. */
    @WithDefault("3")
    int folds();

    /**
     * Training rows the cross-validation uses at most; beyond, a stratified sample of this many (the final models
     * still learn from every training row). Keeps retraining on large snapshots within minutes.
     */
    @WithDefault("20000")
    int cvMaxRows();

    /** The cross-validated metric that picks the winner: roc-auc, pr-auc, log-loss or brier. */
    @WithDefault("roc-auc")
    String selectionMetric();

    /** The candidate algorithms, in the order a tie favours. */
    @WithDefault("logistic-regression,random-forest,gradient-boosted-trees")
    List<String> algorithms();

    /** Models trained at once (each XGBoost model uses {@code xgboost-threads} more). */
    @WithDefault("2")
    int parallelism();

    /** XGBoost's threads per model. */
    @WithDefault("1")
    int xgboostThreads();

    /** Bins of the reliability diagram. */
    @WithDefault("10")
    int calibrationBins();

    /** Held-out rows the permutation importance uses at most. */
    @WithDefault("2000")
    int importanceRows();

    /** Quantile bins of the drift reference of each numeric feature. */
    @WithDefault("10")
    int referenceBins();

    LogisticRegressionSettings logisticRegression();

    RandomForestSettings randomForest();

    BoostedTreesSettings gradientBoostedTrees();

    /** Logistic regression (Tribuo, AdaGrad). */
    interface LogisticRegressionSettings {
        @WithDefault("5")
        int epochs();

        @WithDefault("0.5")
        double learningRate();

        @WithDefault("8")
        int minibatch();
    }

    /** Random forest (XGBoost's random-forest mode). */
    interface RandomForestSettings {
        @WithDefault("100")
        int trees();

        @WithDefault("8")
        int maxDepth();

        @WithDefault("1")
        double minChildWeight();

        @WithDefault("0.63")
        double rowFraction();

        @WithDefault("0.3")
        double featureFraction();
    }

    /** Gradient-boosted trees (XGBoost). */
    interface BoostedTreesSettings {
        @WithDefault("200")
        int trees();

        @WithDefault("0.05")
        double eta();

        @WithDefault("4")
        int maxDepth();

        @WithDefault("1")
        double minChildWeight();

        @WithDefault("0.8")
        double subsample();

        @WithDefault("0.8")
        double featureFraction();
    }

    /** The plan these settings describe; an unknown algorithm or metric is a precise error. */
    default TrainingPlan plan() {
        List<CandidateTrainer> candidates = new ArrayList<>();
        for (String name : algorithms()) {
            candidates.add(switch (Algorithm.parse(name)) {
                case LOGISTIC_REGRESSION -> new LogisticRegressionCandidate(logisticRegression().epochs(),
                        logisticRegression().learningRate(), logisticRegression().minibatch());
                case RANDOM_FOREST -> new RandomForestCandidate(randomForest().trees(), randomForest().maxDepth(),
                        randomForest().minChildWeight(), randomForest().rowFraction(),
                        randomForest().featureFraction(), xgboostThreads());
                case GRADIENT_BOOSTED_TREES -> new BoostedTreesCandidate(gradientBoostedTrees().trees(),
                        gradientBoostedTrees().eta(), gradientBoostedTrees().maxDepth(),
                        gradientBoostedTrees().minChildWeight(), gradientBoostedTrees().subsample(),
                        gradientBoostedTrees().featureFraction(), xgboostThreads());
            });
        }
        return new TrainingPlan(seed(), testFraction(), folds(), cvMaxRows(), SelectionMetric.parse(selectionMetric()),
                candidates,
                calibrationBins(), importanceRows(),
                new ReferenceOptions(referenceBins(), ReferenceOptions.DEFAULT_MAX_CATEGORIES), parallelism());
    }
}
