package io.flywheel.mlops.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.flywheel.mlops.DatabaseTestResource;
import io.flywheel.mlops.predictions.LiveWindow;
import io.flywheel.mlops.registry.Attribution;
import io.flywheel.mlops.registry.Promotion;
import io.flywheel.mlops.registry.RegistryService;
import io.flywheel.shared.data.Feature;
import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.data.Table;
import io.flywheel.shared.drift.DriftAccumulator;
import io.flywheel.shared.drift.LatencyHistogram;
import io.flywheel.shared.tabular.ArtifactCodec;
import io.flywheel.shared.tabular.SyntheticModels;
import io.flywheel.shared.tabular.TabularModelArtifact;
import io.flywheel.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The drift target of SPEC.md: a run over 1,000,000 logged predictions × 30 features (24 numeric, 6 categorical, as
 * shared-model's synthetic benchmark tables) within the last 24 h, from the serving minutes inference pods write —
 * 1,380 minutes × 2 pods, each row binned by shared-model's encoder as the prediction log's writer bins it — to the
 * stored report, both window kinds. Also times that binning per row (the write-path cost in inference-app). Not part of
 * verify; command and figures in docs/benchmarks.md ("Drift job").
 */
@Tag("benchmark")
@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
class DriftWindowBenchmark {

    private static final String MODEL = "drift-bench";
    private static final int ROWS = 1_000_000;
    // 23 h of minutes, so that the 24 h window still holds every one of them while the benchmark runs
    private static final int MINUTES = 23 * 60;
    private static final int PODS = 2;
    private static final int ROWS_PER_REQUEST = 50;
    private static final int RUNS = 3;

    @Inject
    RegistryService registry;

    @Inject
    DriftService drift;

    @Test
    void measuresADriftRunOverAMillionLoggedPredictions() throws Throwable {
        Table training = SyntheticModels.table(20_000, 24, 6, 1);
        FeatureSchema schema = FeatureSchema.infer(training, "label", "1");
        TabularModelArtifact artifact = new SyntheticModels(schema, training, 1).logisticRegression(false);
        Promotion.firstVersionToProduction(registry, MODEL, ArtifactCodec.write(artifact));
        PredictionLogRows.migrateInferenceSchema();
        long fill = System.nanoTime();
        long binningNanos = fillMinutes(schema, artifact);
        System.out.printf("DRIFT BENCHMARK: %,d rows in %,d minute rows written in %.1f s; binning on the write path "
                + "%.0f ns per row (%d-row requests)%n", ROWS, MINUTES * PODS, (System.nanoTime() - fill) / 1e9,
                (double) binningNanos / ROWS, ROWS_PER_REQUEST);

        List<String> lines = new ArrayList<>();
        for (LiveWindow window : List.of(LiveWindow.ofHours(24), LiveWindow.ofRows(ROWS))) {
            for (int run = 0; run < RUNS; run++) {
                long start = System.nanoTime();
                DriftReportView report = drift.measure(MODEL, window, null, Attribution.component("bench", "bench"));
                double seconds = (System.nanoTime() - start) / 1e9;
                assertThat(report.liveRows()).isEqualTo(ROWS);
                lines.add(String.format("| %s, run %d | %.2f s | %s |", window, run + 1, seconds, report.verdict()));
            }
        }
        System.out.println("DRIFT BENCHMARK\n" + String.join("\n", lines));
    }

    /**
     * A million rows over the last 23 h: for each minute and pod, requests of {@link #ROWS_PER_REQUEST} rows drawn like
     * the training table's, binned request by request into the minute's accumulator, then one upsert per minute row.
     * Returns the nanoseconds spent binning.
     */
    private static long fillMinutes(FeatureSchema schema, TabularModelArtifact artifact) throws Exception {
        Random random = new Random(11);
        Instant newest = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        long binning = 0;
        try (Connection connection = TestDatabase.shared().connect()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("DELETE FROM inference.serving_minute WHERE model = '" + MODEL + "'");
            }
            connection.setAutoCommit(false);
            for (int slot = 0; slot < MINUTES * PODS; slot++) {
                int rows = ROWS / (MINUTES * PODS) + (slot < ROWS % (MINUTES * PODS) ? 1 : 0);
                DriftAccumulator counts = new DriftAccumulator(artifact.reference());
                LatencyHistogram latency = new LatencyHistogram();
                for (int done = 0; done < rows; done += ROWS_PER_REQUEST) {
                    int size = Math.min(ROWS_PER_REQUEST, rows - done);
                    Object[] columns = request(schema, size, random);
                    double[] probabilities = random.doubles(size).toArray();
                    long start = System.nanoTime();
                    counts.addColumns(columns, probabilities);
                    binning += System.nanoTime() - start;
                    latency.record(1.5 + random.nextDouble());
                }
                Instant minute = newest.minus(Duration.ofMinutes(slot / PODS));
                PredictionLogRows.minute(connection, MODEL, 1, minute, latency.total(), 0, latency.counts(),
                        counts.counts());
            }
            connection.commit();
        }
        return binning;
    }

    /** One request's columns: numeric x_f ~ N(0, f+1), categories k0..k(5+f), 2% missing everywhere. */
    private static Object[] request(FeatureSchema schema, int rows, Random random) {
        List<Feature> features = schema.features();
        Object[] columns = new Object[features.size()];
        for (int f = 0; f < columns.length; f++) {
            String name = features.get(f).name();
            int index = Integer.parseInt(name.substring(1));
            if (name.startsWith("x")) {
                double[] values = new double[rows];
                for (int row = 0; row < rows; row++) {
                    values[row] = random.nextDouble() < 0.02 ? Double.NaN : random.nextGaussian() * (index + 1);
                }
                columns[f] = values;
            } else {
                String[] values = new String[rows];
                for (int row = 0; row < rows; row++) {
                    values[row] = random.nextDouble() < 0.02 ? null : "k" + random.nextInt(6 + index);
                }
                columns[f] = values;
            }
        }
        return columns;
    }
}
