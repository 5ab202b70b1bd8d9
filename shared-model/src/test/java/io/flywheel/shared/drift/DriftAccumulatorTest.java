package io.flywheel.shared.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.flywheel.shared.data.Column;
import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.data.NumericColumn;
import io.flywheel.shared.data.Table;
import io.flywheel.testing.TestDatasets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DriftAccumulatorTest {

    private static final Table LENDING = TestDatasets.lendingClub();
    private static final FeatureSchema SCHEMA = FeatureSchema.infer(LENDING, "Class", null);
    private static final double[] PREDICTIONS = new Random(1).doubles(LENDING.rowCount()).toArray();
    private static final ReferenceStatistics REFERENCE = ReferenceStatistics.of(SCHEMA, LENDING, PREDICTIONS,
            ReferenceOptions.defaults());

    @Test
    void theTrainingDataHasNoDriftFromItself() {
        DriftAccumulator accumulator = new DriftAccumulator(REFERENCE);
        accumulator.add(LENDING);
        accumulator.addPredictions(PREDICTIONS);

        DriftReport report = accumulator.report();

        assertThat(report.features()).hasSize(22).allSatisfy(drift -> {
            assertThat(drift.psi()).isCloseTo(0, within(1e-9));
            assertThat(drift.kl()).isCloseTo(0, within(1e-9));
            assertThat(drift.live()).isEqualTo(9857);
        });
        assertThat(report.prediction().psi()).isCloseTo(0, within(1e-9));
    }

    @Test
    void scalingTwoColumnsDriftsExactlyThoseTwo() {
        Table shifted = scale(LENDING, List.of("int_rate", "annual_inc"), 1.6);
        DriftAccumulator accumulator = new DriftAccumulator(REFERENCE);
        accumulator.add(shifted);

        DriftReport report = accumulator.report();

        assertThat(report.feature("int_rate").psi()).isGreaterThan(0.2);
        assertThat(report.feature("annual_inc").psi()).isGreaterThan(0.2);
        assertThat(report.features()).filteredOn(drift -> drift.psi() > 0.1)
                .extracting(FeatureDrift::feature).containsExactlyInAnyOrder("int_rate", "annual_inc");
    }

    @Test
    void aRandomHalfOfTheDataStaysBelowTheWarningLevel() {
        Random random = new Random(9);
        int[] half = random.ints(LENDING.rowCount() / 2, 0, LENDING.rowCount()).toArray();
        DriftAccumulator accumulator = new DriftAccumulator(REFERENCE);
        accumulator.add(LENDING.select(half));

        assertThat(accumulator.report().features()).allSatisfy(drift -> assertThat(drift.psi()).isLessThan(0.1));
    }

    @Test
    void unseenCategoriesCountAsOtherAndMissingValuesAsMissing() {
        DriftAccumulator accumulator = new DriftAccumulator(REFERENCE);
        int state = accumulator.indexOf("addr_state");
        int rate = accumulator.indexOf("int_rate");
        accumulator.addCategorical(state, "ZZ");
        accumulator.addCategorical(state, null);
        accumulator.addCategorical(state, "CA");
        accumulator.addNumeric(rate, Double.NaN);

        FeatureDrift drift = accumulator.report().feature("addr_state");
        int bins = drift.bins().size();
        assertThat(drift.bins().subList(bins - 2, bins)).containsExactly("other", "missing");
        assertThat(drift.liveShares()[bins - 2]).isEqualTo(1 / 3.0);
        assertThat(drift.liveShares()[bins - 1]).isEqualTo(1 / 3.0);
        assertThat(drift.liveShares()[drift.bins().indexOf("CA")]).isEqualTo(1 / 3.0);
        FeatureDrift rates = accumulator.report().feature("int_rate");
        assertThat(rates.liveShares()[rates.bins().size() - 1]).isEqualTo(1);
        assertThat(rates.bins().get(0)).startsWith("<= ");
    }

    @Test
    void aFeatureWithNoLiveValueHasNoDivergence() {
        FeatureDrift drift = new DriftAccumulator(REFERENCE).report().feature("int_rate");

        assertThat(drift.live()).isZero();
        assertThat(drift.psi()).isNull();
        assertThat(drift.kl()).isNull();
    }

    @Test
    void mergingAccumulatorsEqualsAccumulatingEverythingInOne() {
        DriftAccumulator whole = new DriftAccumulator(REFERENCE);
        whole.add(LENDING);
        DriftAccumulator first = new DriftAccumulator(REFERENCE);
        first.add(LENDING.select(java.util.stream.IntStream.range(0, 5000).toArray()));
        DriftAccumulator second = new DriftAccumulator(REFERENCE);
        second.add(LENDING.select(java.util.stream.IntStream.range(5000, LENDING.rowCount()).toArray()));

        first.merge(second);

        assertThat(first.report().feature("revol_util").liveShares())
                .containsExactly(whole.report().feature("revol_util").liveShares());
    }

    @Test
    void psiAndKlMatchHandComputedValues() {
        double[] reference = {0.5, 0.5};
        double[] live = {0.25, 0.75};

        assertThat(Divergence.psi(reference, live, 1e-4))
                .isEqualTo(-0.25 * Math.log(0.5) + 0.25 * Math.log(1.5), within(1e-15));
        assertThat(Divergence.kl(reference, live, 1e-4))
                .isEqualTo(0.25 * Math.log(0.5) + 0.75 * Math.log(1.5), within(1e-15));
        assertThat(Divergence.psi(new double[] {1, 0}, new double[] {0.9, 0.1}, 1e-4))
                .isEqualTo(-0.1 * Math.log(0.9) + (0.1 - 1e-4) * Math.log(0.1 / 1e-4), within(1e-12));
    }

    private static Table scale(Table table, List<String> names, double factor) {
        List<Column> columns = new ArrayList<>();
        for (Column column : table.columns()) {
            if (names.contains(column.name())) {
                double[] values = ((NumericColumn) column).toArray();
                for (int i = 0; i < values.length; i++) {
                    values[i] *= factor;
                }
                columns.add(NumericColumn.of(column.name(), values));
            } else {
                columns.add(column);
            }
        }
        return Table.of(columns);
    }
}
