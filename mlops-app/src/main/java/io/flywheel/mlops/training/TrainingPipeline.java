package io.flywheel.mlops.training;

import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.data.Table;
import io.flywheel.shared.drift.ReferenceStatistics;
import io.flywheel.shared.evaluation.ClassificationMetrics;
import io.flywheel.shared.evaluation.Split;
import io.flywheel.shared.evaluation.StratifiedSplits;
import io.flywheel.shared.tabular.ArtifactCodec;
import io.flywheel.shared.tabular.FeatureBatch;
import io.flywheel.shared.tabular.FeatureEncoder;
import io.flywheel.shared.tabular.TabularModel;
import io.flywheel.shared.tabular.TabularModelArtifact;
import io.flywheel.shared.tabular.TrainingMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Trains every candidate of a plan on one snapshot and picks the best: a stratified hold-out, k-fold
 * cross-validation of each candidate on the rest (threshold chosen on its out-of-fold predictions), a final fit on
 * the whole training part exported to the portable artifact (schema, encoder, parameters, threshold, reference
 * statistics), held-out metrics and permutation importance computed through that artifact, and the winner by the
 * cross-validated selection metric. Deterministic: fits are independent and seeded, results are assembled in plan
 * order whatever finishes first. Plain Java (no framework), so that tests and benchmarks run it directly.
 */
public final class TrainingPipeline {

    private final TrainingPlan plan;

    public TrainingPipeline(TrainingPlan plan) {
        this.plan = plan;
    }

    public TrainingPlan plan() {
        return plan;
    }

    /** Trains the candidates on the table (whose columns hold every schema feature and the label). */
    public TrainingResult train(Table table, FeatureSchema schema, TrainingProgress progress) {
        HoldoutPartition partition = HoldoutPartition.of(table, schema, plan.testFraction(), plan.seed());
        CrossValidationRows cvRows = CrossValidationRows.of(partition, plan.cvMaxRows(), plan.seed());
        List<Split> folds = StratifiedSplits.kFold(cvRows.labels(), plan.folds(), plan.seed());
        progress.report("split " + table.rowCount() + " rows: " + partition.train().rowCount() + " to train, "
                + plan.folds() + "-fold cross-validation on " + cvRows.table().rowCount() + " of them, "
                + partition.test().rowCount() + " held out",
                Map.of("rows", table.rowCount(), "trainRows", partition.train().rowCount(),
                        "cvRows", cvRows.table().rowCount(), "holdoutRows", partition.test().rowCount(),
                        "folds", plan.folds()));
        Fits fits = fitAll(schema, partition.train(), cvRows.table(), folds, progress);
        List<TrainedCandidate> candidates = new ArrayList<>();
        for (int c = 0; c < plan.candidates().size(); c++) {
            CrossValidation cv = CrossValidation.of(cvRows.labels(), fits.outOfFold(c, folds), folds);
            candidates.add(finish(plan.candidates().get(c), fits.finalModels.get(c), cv, schema, partition));
            progress.report("candidate " + plan.candidates().get(c).algorithm().label() + ": cross-validated "
                    + plan.selection().label() + " " + round(cv.mean(plan.selection())),
                    Map.of("candidate", plan.candidates().get(c).algorithm().label(),
                            plan.selection().label(), cv.mean(plan.selection())));
        }
        return new TrainingResult(table.rowCount(), partition.train().rowCount(), partition.test().rowCount(),
                plan.selection(), candidates, winner(candidates));
    }

    /** Every fold model and every final model, trained in parallel, collected in plan order. */
    private Fits fitAll(FeatureSchema schema, Table train, Table cvTable, List<Split> folds, TrainingProgress progress) {
        List<Callable<double[]>> foldTasks = new ArrayList<>();
        List<Callable<FinalModel>> finalTasks = new ArrayList<>();
        int total = plan.candidates().size() * (folds.size() + 1);
        AtomicInteger done = new AtomicInteger();
        for (CandidateTrainer candidate : plan.candidates()) {
            for (int f = 0; f < folds.size(); f++) {
                Split fold = folds.get(f);
                int foldNumber = f + 1;
                foldTasks.add(() -> {
                    double[] scores = foldScores(candidate, schema, cvTable, fold);
                    reportFit(progress, candidate, "fold " + foldNumber + "/" + folds.size(), fold.train().length,
                            done.incrementAndGet(), total);
                    return scores;
                });
            }
            finalTasks.add(() -> {
                FinalModel model = finalModel(candidate, schema, train);
                reportFit(progress, candidate, "final fit", train.rowCount(), done.incrementAndGet(), total);
                return model;
            });
        }
        ExecutorService executor = Executors.newFixedThreadPool(plan.parallelism(), runnable -> {
            Thread thread = new Thread(runnable, "training-" + System.identityHashCode(runnable));
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<double[]>> foldResults = executor.invokeAll(foldTasks);
            List<Future<FinalModel>> finalResults = executor.invokeAll(finalTasks);
            return new Fits(values(foldResults), values(finalResults), folds.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("training was interrupted", e);
        } finally {
            executor.shutdownNow();
        }
    }

    private void reportFit(TrainingProgress progress, CandidateTrainer candidate, String what, int rows, int done,
                           int total) {
        progress.report("trained " + candidate.algorithm().label() + ", " + what + " on " + rows + " rows (" + done
                + "/" + total + " fits)", Map.of("candidate", candidate.algorithm().label(), "fit", what,
                "rows", rows, "fitsDone", done, "fitsTotal", total));
    }

    /** Out-of-fold scores of one fold: the encoder and the model learn on the fold's training rows only. */
    private double[] foldScores(CandidateTrainer candidate, FeatureSchema schema, Table cvTable, Split fold) {
        Table learn = cvTable.select(fold.train());
        Table score = cvTable.select(fold.test());
        FeatureEncoder encoder = FeatureEncoder.fit(schema, learn, candidate.algorithm().encoding());
        FittedModel model = candidate.fit(EncodedRows.of(encoder, schema, learn), plan.seed());
        return model.predict(EncodedRows.of(encoder, schema, score));
    }

    private FinalModel finalModel(CandidateTrainer candidate, FeatureSchema schema, Table train) {
        FeatureEncoder encoder = FeatureEncoder.fit(schema, train, candidate.algorithm().encoding());
        EncodedRows rows = EncodedRows.of(encoder, schema, train);
        FittedModel model = candidate.fit(rows, plan.seed());
        return new FinalModel(encoder, model, model.predict(rows));
    }

    /** Exports the final model with its out-of-fold threshold, then measures it on the held-out rows. */
    private TrainedCandidate finish(CandidateTrainer candidate, FinalModel model, CrossValidation cv,
                                    FeatureSchema schema, HoldoutPartition partition) {
        ReferenceStatistics reference = ReferenceStatistics.of(schema, partition.train(), model.trainScores(),
                plan.reference());
        TrainingMetadata training = new TrainingMetadata(candidate.library(), candidate.libraryVersion(), plan.seed(),
                candidate.parameters());
        TabularModelArtifact artifact = TabularModelArtifact.of(schema, model.encoder(), model.fitted().export(),
                cv.threshold(), reference, training);
        byte[] bytes = ArtifactCodec.write(artifact);
        TabularModel compiled = TabularModel.compile(artifact);
        double[] holdoutScores = compiled.score(FeatureBatch.of(schema, partition.test()));
        double[] libraryScores = model.fitted().predict(EncodedRows.of(model.encoder(), schema, partition.test()));
        ClassificationMetrics holdout = ClassificationMetrics.of(partition.testLabels(), holdoutScores,
                cv.threshold(), plan.calibrationBins());
        List<FeatureImportance> importance = PermutationImportance.of(compiled, partition.test(),
                partition.testLabels(), plan.importanceRows(), plan.seed());
        CandidateReport report = new CandidateReport(candidate.algorithm().label(), candidate.parameters(), cv,
                holdout, importance, ArtifactCodec.sha256(bytes), bytes.length);
        return new TrainedCandidate(report, bytes, holdoutScores, libraryScores);
    }

    private int winner(List<TrainedCandidate> candidates) {
        int best = 0;
        for (int c = 1; c < candidates.size(); c++) {
            if (plan.selection().beats(candidates.get(c).report().crossValidation().mean(plan.selection()),
                    candidates.get(best).report().crossValidation().mean(plan.selection()))) {
                best = c;
            }
        }
        return best;
    }

    private static <T> List<T> values(List<Future<T>> futures) throws InterruptedException {
        List<T> values = new ArrayList<>(futures.size());
        for (Future<T> future : futures) {
            try {
                values.add(future.get());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException("a model failed to train: " + e.getCause(), e.getCause());
            }
        }
        return values;
    }

    private static String round(double value) {
        return String.format(java.util.Locale.ROOT, "%.4f", value);
    }

    /** A final model: its encoder, the fitted model and its scores on its own training rows. */
    private record FinalModel(FeatureEncoder encoder, FittedModel fitted, double[] trainScores) {
    }

    /** The fold scores of every candidate (candidate-major) and the final models, in plan order. */
    private record Fits(List<double[]> foldScores, List<FinalModel> finalModels, int folds) {

        /** Candidate {@code c}'s score of every training row, each from the fold model that did not see it. */
        double[] outOfFold(int c, List<Split> splits) {
            int rows = 0;
            for (Split split : splits) {
                rows += split.test().length;
            }
            double[] scores = new double[rows];
            for (int f = 0; f < folds; f++) {
                int[] test = splits.get(f).test();
                double[] foldScores = this.foldScores.get(c * folds + f);
                for (int i = 0; i < test.length; i++) {
                    scores[test[i]] = foldScores[i];
                }
            }
            return scores;
        }
    }
}
