package io.flywheel.shared.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flywheel.shared.data.ColumnType;
import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.data.Table;
import io.flywheel.testing.TestDatasets;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Drift counts as inference pods store them per minute ({@code long[]}, layout
 * {@link DriftAccumulator#COUNTS_ENCODING}) and mlops-app sums them: the sum of the parts reports exactly what binning
 * all rows in one place reports.
 */
class DriftCountsTest {

    private static final Table LENDING = TestDatasets.lendingClub();
    private static final FeatureSchema SCHEMA = FeatureSchema.infer(LENDING, "Class", null);
    private static final double[] PREDICTIONS = new Random(1).doubles(LENDING.rowCount()).toArray();
    private static final ReferenceStatistics REFERENCE = ReferenceStatistics.of(SCHEMA, LENDING, PREDICTIONS,
            ReferenceOptions.defaults());

    @Test
    void rowsSplitOverEncodedMinutesAndSummedReportExactlyLikeTheRowsBinnedTogether() {
        Table live = LENDING.select(new Random(5).ints(LENDING.rowCount(), 0, LENDING.rowCount()).toArray());
        double[] probabilities = new Random(6).doubles(live.rowCount()).toArray();
        DriftAccumulator direct = new DriftAccumulator(REFERENCE);
        direct.add(live);
        direct.addPredictions(probabilities);

        long[] summed = new long[direct.countsLength()];
        int[] cuts = {0, 1, 700, 3000, 3001, 8000, live.rowCount()};
        for (int part = 0; part + 1 < cuts.length; part++) {
            int[] rows = IntStream.range(cuts[part], cuts[part + 1]).toArray();
            DriftAccumulator minute = new DriftAccumulator(REFERENCE);
            minute.addColumns(columns(live.select(rows)), Arrays.copyOfRange(probabilities, cuts[part],
                    cuts[part + 1]));
            long[] counts = minute.counts();
            for (int i = 0; i < counts.length; i++) {
                summed[i] += counts[i]; // what the upsert does element-wise
            }
        }
        DriftAccumulator merged = new DriftAccumulator(REFERENCE);
        merged.addCounts(summed);

        assertThat(merged.rows()).isEqualTo(live.rowCount());
        assertThat(merged.counts()).isEqualTo(direct.counts());
        assertThat(merged.report()).usingRecursiveComparison().isEqualTo(direct.report());
    }

    @Test
    void theLayoutIsEveryFeaturesBinsWithTheirMissingBinThenThePredictions() {
        int expected = REFERENCE.features().stream().mapToInt(feature -> feature.binCount() + 1).sum()
                + REFERENCE.prediction().binCount() + 1;
        DriftAccumulator accumulator = new DriftAccumulator(REFERENCE);
        accumulator.addNumeric(0, Double.NaN);
        accumulator.addPrediction(Double.NaN);

        long[] counts = accumulator.counts();

        assertThat(accumulator.countsLength()).isEqualTo(expected).isEqualTo(counts.length);
        assertThat(counts[REFERENCE.features().get(0).binCount()]).as("feature 0's missing bin").isOne();
        assertThat(counts[counts.length - 1]).as("the prediction's missing bin").isOne();
        assertThat(Arrays.stream(counts).sum()).isEqualTo(2);
    }

    @Test
    void countsOfAnotherLayoutOrNegativeAreRefusedNamingTheMismatch() {
        DriftAccumulator accumulator = new DriftAccumulator(REFERENCE);

        assertThatThrownBy(() -> accumulator.addCounts(new long[3])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("have 3 entries").hasMessageContaining("need " + accumulator.countsLength());
        long[] negative = new long[accumulator.countsLength()];
        negative[4] = -1;
        assertThatThrownBy(() -> accumulator.addCounts(negative)).hasMessageContaining("negative");
        assertThat(accumulator.rows()).isZero();
    }

    @Test
    void columnsOfTheWrongKindOrNumberAreRefused() {
        DriftAccumulator accumulator = new DriftAccumulator(REFERENCE);
        Object[] columns = columns(LENDING.select(new int[] {0, 1}));

        assertThatThrownBy(() -> accumulator.addColumns(Arrays.copyOf(columns, 2), new double[2]))
                .hasMessageContaining("has 2 columns");
        Object[] swapped = columns.clone();
        int categorical = IntStream.range(0, columns.length).filter(f -> columns[f] instanceof String[]).findFirst()
                .orElseThrow();
        swapped[categorical] = new double[2];
        assertThatThrownBy(() -> accumulator.addColumns(swapped, new double[2]))
                .hasMessageContaining(REFERENCE.features().get(categorical).feature());
        assertThat(accumulator.counts()).as("nothing of a refused batch is counted").containsOnly(0L);
    }

    /** The rows as a request holds them for scoring: one array per schema feature. */
    private static Object[] columns(Table rows) {
        Object[] columns = new Object[SCHEMA.features().size()];
        for (int f = 0; f < columns.length; f++) {
            String name = SCHEMA.features().get(f).name();
            columns[f] = rows.column(name).type() == ColumnType.NUMERIC
                    ? rows.numeric(name).toArray() : rows.categorical(name).toArray();
        }
        return columns;
    }
}
