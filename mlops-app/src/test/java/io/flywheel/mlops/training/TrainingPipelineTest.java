package io.flywheel.mlops.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.data.Table;
import io.flywheel.shared.drift.ReferenceOptions;
import io.flywheel.shared.tabular.ArtifactCodec;
import io.flywheel.shared.tabular.TabularModelArtifact;
import io.flywheel.testing.TestDatasets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The three candidates trained on the real Lending Club data (small settings, 3 folds). */
class TrainingPipelineTest {

    static final long SEED = 42;

    static TrainingPlan smallPlan() {
        return new TrainingPlan(SEED, 0.2, 3, 20_000, SelectionMetric.ROC_AUC, List.of(
                new LogisticRegressionCandidate(3, 0.5, 16),
                new RandomForestCandidate(10, 6, 1, 0.63, 0.5, 1),
                new BoostedTreesCandidate(20, 0.3, 3, 1, 1.0, 1.0, 1)),
                10, 1000, ReferenceOptions.defaults(), 2);
    }

    private static Table table;
    private static FeatureSchema schema;
    private static TrainingResult result;

    @BeforeAll
    static void trainOnLendingClub() {
        table = TestDatasets.lendingClub();
        schema = FeatureSchema.infer(table, "Class", null);
        long started = System.nanoTime();
        result = new TrainingPipeline(smallPlan()).train(table, schema, TrainingProgress.ignored());
        System.out.printf("trained 3 candidates with 3-fold CV on %d rows in %.1f s%n", table.rowCount(),
                (System.nanoTime() - started) / 1e9);
    }

    @Test
    void eachArtifactReproducesItsTrainingLibraryOnTheWholeHeldOutSet() {
        assertThat(result.candidates()).hasSize(3);
        for (TrainedCandidate candidate : result.candidates()) {
            assertThat(candidate.holdoutScores()).hasSize(result.holdoutRows());
            double largest = 0;
            for (int i = 0; i < candidate.holdoutScores().length; i++) {
                largest = Math.max(largest, Math.abs(candidate.holdoutScores()[i] - candidate.libraryHoldoutScores()[i]));
            }
            assertThat(largest).as(candidate.report().algorithm()).isLessThanOrEqualTo(1e-6);
        }
    }

    @Test
    void theSameSnapshotAndPlanGiveTheSameArtifactBytes() {
        TrainingResult again = new TrainingPipeline(smallPlan()).train(table, schema, TrainingProgress.ignored());
        for (int c = 0; c < result.candidates().size(); c++) {
            assertThat(again.candidates().get(c).artifact()).as(result.candidates().get(c).report().algorithm())
                    .isEqualTo(result.candidates().get(c).artifact());
        }
    }

    @Test
    void everyCandidateCarriesAllMetricsAndTheWinnerHasTheBestCrossValidatedAuc() {
        for (TrainedCandidate candidate : result.candidates()) {
            CandidateReport report = candidate.report();
            assertThat(report.holdout().rocAuc()).isBetween(0.6, 1.0);
            assertThat(report.holdout().prAuc()).isNotNull();
            assertThat(report.holdout().calibration().bins()).hasSize(10);
            assertThat(report.holdout().confusion().total()).isEqualTo(result.holdoutRows());
            assertThat(report.crossValidation().metrics()).containsKeys("roc-auc", "pr-auc", "log-loss", "brier");
            assertThat(report.crossValidation().metrics().get("roc-auc").perFold()).hasSize(3);
            assertThat(report.importance()).hasSize(schema.features().size());
            TabularModelArtifact artifact = ArtifactCodec.read(candidate.artifact());
            // XGBoost's forest is scored by the boosted-trees arithmetic: one round of parallel trees
            assertThat(artifact.algorithm()).isEqualTo(report.algorithm().equals("logistic-regression")
                    ? "logistic-regression" : "gradient-boosted-trees");
            assertThat(artifact.threshold()).isEqualTo(report.crossValidation().threshold());
            assertThat(artifact.reference().rows()).isEqualTo(result.trainRows());
        }
        double best = result.best().report().crossValidation().mean(SelectionMetric.ROC_AUC);
        assertThat(result.candidates()).allSatisfy(candidate ->
                assertThat(candidate.report().crossValidation().mean(SelectionMetric.ROC_AUC)).isLessThanOrEqualTo(best));
        result.candidates().forEach(c -> System.out.printf("%s: cv auc %.4f, holdout auc %.4f, top feature %s%n",
                c.report().algorithm(), c.report().crossValidation().mean(SelectionMetric.ROC_AUC),
                c.report().holdout().rocAuc(), c.report().importance().get(0)));
    }
}
