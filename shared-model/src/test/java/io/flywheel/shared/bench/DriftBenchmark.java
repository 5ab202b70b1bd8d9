package io.flywheel.shared.bench;

import io.flywheel.shared.data.CategoricalColumn;
import io.flywheel.shared.data.Column;
import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.data.NumericColumn;
import io.flywheel.shared.data.Table;
import io.flywheel.shared.drift.DriftAccumulator;
import io.flywheel.shared.drift.DriftReport;
import io.flywheel.shared.drift.ReferenceOptions;
import io.flywheel.shared.drift.ReferenceStatistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Drift of 1,000,000 live rows × 30 features (24 numeric, 6 categorical with some unseen categories, 2% missing) and
 * their predictions against a reference built from 100,000 training rows: accumulation plus PSI/KL, either a column at
 * a time ({@code add(Table)}) or value by value in row order (how a reader of the prediction log feeds it).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xms3g", "-Xmx3g"})
public class DriftBenchmark {

    private static final int LIVE_ROWS = 1_000_000;
    private static final int REFERENCE_ROWS = 100_000;
    private static final int NUMERIC = 24;
    private static final int CATEGORICAL = 6;

    private ReferenceStatistics reference;
    private Table live;
    private double[][] numericColumns;
    private String[][] categoricalColumns;
    private double[] predictions;

    @Setup
    public void setUp() {
        Table training = table(REFERENCE_ROWS, new Random(1), 0, 0);
        FeatureSchema schema = FeatureSchema.infer(training, "label", "1");
        reference = ReferenceStatistics.of(schema, training, new Random(2).doubles(REFERENCE_ROWS).toArray(),
                ReferenceOptions.defaults());
        live = table(LIVE_ROWS, new Random(3), 0.3, 0.01);
        numericColumns = new double[NUMERIC][];
        categoricalColumns = new String[CATEGORICAL][];
        for (int f = 0; f < NUMERIC; f++) {
            numericColumns[f] = live.numeric("x" + f).toArray();
        }
        for (int f = 0; f < CATEGORICAL; f++) {
            categoricalColumns[f] = live.categorical("c" + f).toArray();
        }
        predictions = new Random(4).doubles(LIVE_ROWS).toArray();
    }

    @Benchmark
    public DriftReport columnByColumn() {
        DriftAccumulator accumulator = new DriftAccumulator(reference);
        accumulator.add(live);
        accumulator.addPredictions(predictions);
        return accumulator.report();
    }

    @Benchmark
    public DriftReport rowByRow() {
        DriftAccumulator accumulator = new DriftAccumulator(reference);
        int[] numeric = IntStream.range(0, NUMERIC).map(f -> accumulator.indexOf("x" + f)).toArray();
        int[] categorical = IntStream.range(0, CATEGORICAL).map(f -> accumulator.indexOf("c" + f)).toArray();
        for (int row = 0; row < LIVE_ROWS; row++) {
            for (int f = 0; f < NUMERIC; f++) {
                accumulator.addNumeric(numeric[f], numericColumns[f][row]);
            }
            for (int f = 0; f < CATEGORICAL; f++) {
                accumulator.addCategorical(categorical[f], categoricalColumns[f][row]);
            }
            accumulator.addPrediction(predictions[row]);
        }
        return accumulator.report();
    }

    /** Numeric features ~ N(shift·f, f+1), categories k0..k(5+f) plus a share of unseen ones, 2% missing everywhere. */
    private static Table table(int rows, Random random, double shift, double unseen) {
        List<Column> columns = new ArrayList<>();
        for (int f = 0; f < NUMERIC; f++) {
            double[] values = new double[rows];
            for (int row = 0; row < rows; row++) {
                values[row] = random.nextDouble() < 0.02 ? Double.NaN : shift * f + random.nextGaussian() * (f + 1);
            }
            columns.add(NumericColumn.of("x" + f, values));
        }
        for (int f = 0; f < CATEGORICAL; f++) {
            String[] names = IntStream.range(0, 6 + f).mapToObj(k -> "k" + k).toArray(String[]::new);
            String[] values = new String[rows];
            for (int row = 0; row < rows; row++) {
                double roll = random.nextDouble();
                values[row] = roll < 0.02 ? null : roll < 0.02 + unseen ? "unseen" : names[random.nextInt(names.length)];
            }
            columns.add(CategoricalColumn.of("c" + f, values));
        }
        double[] labels = new double[rows];
        for (int row = 0; row < rows; row++) {
            labels[row] = random.nextDouble() < 0.1 ? 1 : 0;
        }
        columns.add(NumericColumn.of("label", labels));
        return Table.of(columns);
    }
}
