package io.flywheel.shared.bench;

import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.data.Table;
import io.flywheel.shared.tabular.FeatureBatch;
import io.flywheel.shared.tabular.GradientBoostedTrees;
import io.flywheel.shared.tabular.RandomForest;
import io.flywheel.shared.tabular.SyntheticModels;
import io.flywheel.shared.tabular.TabularModel;
import io.flywheel.shared.tabular.TabularModelArtifact;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * In-process scoring of one row and of a batch of 100 rows, per algorithm, on a synthetic table of 30 features
 * (24 numeric, 6 categorical, 2% missing) with models from {@link SyntheticModels}: gradient-boosted trees 200 trees
 * of depth 6 (multi:softprob, as Tribuo trains them), a random forest of 100 trees of depth 12, a logistic
 * regression. Rows rotate over 1,024 different ones so that branch prediction cannot learn one path.
 */
@State(Scope.Thread)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class ScoringBenchmark {

    private static final int ROWS = 1024;
    private static final int BATCH = 100;

    @Param({"gbm", "rf", "lr"})
    public String algorithm;

    private TabularModel model;
    private FeatureBatch[] singles;
    private FeatureBatch[] batches;
    private TabularModel.Scratch scratch;
    private final double[] out = new double[BATCH];
    private int next;

    @Setup
    public void setUp() {
        Table table = SyntheticModels.table(20_000, 24, 6, 1);
        FeatureSchema schema = FeatureSchema.infer(table, "label", "1");
        SyntheticModels models = new SyntheticModels(schema, table, 2);
        TabularModelArtifact artifact = switch (algorithm) {
            case "gbm" -> models.boostedTrees(200, 6, GradientBoostedTrees.Objective.MULTI_SOFTPROB);
            case "rf" -> models.randomForest(100, 12, RandomForest.Combiner.AVERAGE);
            default -> models.logisticRegression(true);
        };
        model = TabularModel.compile(artifact);
        scratch = model.newScratch();
        singles = new FeatureBatch[ROWS];
        for (int i = 0; i < ROWS; i++) {
            singles[i] = FeatureBatch.of(schema, table.select(new int[] {i * 7}));
        }
        batches = new FeatureBatch[ROWS / BATCH];
        for (int i = 0; i < batches.length; i++) {
            batches[i] = FeatureBatch.of(schema, table.select(IntStream.range(i * BATCH, (i + 1) * BATCH).toArray()));
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public double oneRow() {
        model.score(singles[next++ & (ROWS - 1)], scratch, out);
        return out[0];
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    public double batchOf100() {
        next = next + 1 < batches.length ? next + 1 : 0;
        model.score(batches[next], scratch, out);
        return out[BATCH - 1];
    }
}
