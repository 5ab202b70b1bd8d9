package io.flywheel.mlops.training;

import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.data.Table;
import io.flywheel.shared.evaluation.RankingMetrics;
import io.flywheel.shared.tabular.EncoderOptions;
import io.flywheel.shared.tabular.FeatureEncoder;
import io.flywheel.testing.TestDatasets;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;

/**
 * Retrain wall time with the shipped defaults (3 candidates, 3-fold CV) on Lending Club and on a 100k × 30 seeded
 * enlargement of it, and Lending Club's held-out AUC beside what Tribuo's default trainers reach on the same split.
 * Figures in docs/benchmarks.md; run with
 * {@code ./mvnw -B -pl shared-model,mlops-app -am test -Dtest=RetrainBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * -Dsurefire.excludedGroups=none -DskipITs}.
 */
@Tag("benchmark")
class RetrainBenchmark {

    static final int SYNTHETIC_ROWS = 100_000;
    static final int SYNTHETIC_FEATURES = 30;
    static final long SYNTHETIC_SEED = 7;

    @Test
    void retrainOnLendingClubBesideTribuoDefaults() {
        Table table = TestDatasets.lendingClub();
        FeatureSchema schema = FeatureSchema.infer(table, "Class", null);
        TrainingResult result = timed("lending club, " + table.rowCount() + " rows", table, schema);
        TrainingPlan plan = defaults().plan();
        HoldoutPartition split = HoldoutPartition.of(table, schema, plan.testFraction(), plan.seed());
        print("tribuo LogisticRegressionTrainer() defaults: held-out AUC %.4f",
                tribuoAuc(new LogisticRegressionTrainer(), EncoderOptions.linear(), schema, split));
        print("tribuo XGBoostClassificationTrainer(50) defaults: held-out AUC %.4f",
                tribuoAuc(new XGBoostClassificationTrainer(50), EncoderOptions.boostedTrees(), schema, split));
        print("winner %s: held-out AUC %.4f", result.best().report().algorithm(),
                result.best().report().holdout().rocAuc());
    }

    @Test
    void retrainOnAHundredThousandRowsOfThirtyFeatures() {
        Table table = SyntheticLendingData.enlarge(TestDatasets.lendingClub(), "Class", SYNTHETIC_ROWS,
                SYNTHETIC_FEATURES, SYNTHETIC_SEED);
        FeatureSchema schema = FeatureSchema.infer(table, "Class", null);
        timed("synthetic " + table.rowCount() + " x " + schema.features().size(), table, schema);
    }

    private static TrainingResult timed(String what, Table table, FeatureSchema schema) {
        long started = System.nanoTime();
        TrainingResult result = new TrainingPipeline(defaults().plan()).train(table, schema, TrainingProgress.ignored());
        double seconds = (System.nanoTime() - started) / 1e9;
        print("%s: 3 candidates with %d-fold CV in %.1f s (%d processors)", what, defaults().folds(), seconds,
                Runtime.getRuntime().availableProcessors());
        result.candidates().forEach(candidate -> print("  %s: cv roc-auc %.4f, held-out roc-auc %.4f, ece %.4f",
                candidate.report().algorithm(), candidate.report().crossValidation().mean(SelectionMetric.ROC_AUC),
                candidate.report().holdout().rocAuc(),
                candidate.report().holdout().calibration().expectedCalibrationError()));
        return result;
    }

    private static double tribuoAuc(org.tribuo.Trainer<Label> trainer, EncoderOptions encoding, FeatureSchema schema,
                                    HoldoutPartition split) {
        FeatureEncoder encoder = FeatureEncoder.fit(schema, split.train(), encoding);
        Model<Label> model = trainer.train(TribuoExamples.dataset(EncodedRows.of(encoder, schema, split.train())));
        double[] scores = TribuoExamples.positiveScores(model, EncodedRows.of(encoder, schema, split.test()));
        return RankingMetrics.rocAuc(split.testLabels(), scores).orElseThrow();
    }

    /** The shipped defaults of flywheel.training.*, read the way the app reads them. */
    static TrainingSettings defaults() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(TrainingSettings.class).build();
        return config.getConfigMapping(TrainingSettings.class);
    }

    private static void print(String format, Object... values) {
        System.out.println("[benchmark] " + String.format(Locale.ROOT, format, values));
    }
}
