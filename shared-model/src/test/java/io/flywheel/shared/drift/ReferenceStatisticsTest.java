package io.flywheel.shared.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.flywheel.shared.data.CategoricalColumn;
import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.data.NumericColumn;
import io.flywheel.shared.data.Table;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReferenceStatisticsTest {

    @Test
    void numericEdgesAreTheDecilesAndEachBinHoldsATenth() {
        NumericReference reference = ReferenceBuilder.numeric("x",
                IntStream.rangeClosed(1, 100).asDoubleStream().toArray(), 10);

        assertThat(reference.edges()).containsExactly(10, 20, 30, 40, 50, 60, 70, 80, 90);
        assertThat(reference.proportions()).containsOnly(0.1);
        assertThat(reference.mean()).isEqualTo(50.5);
        assertThat(reference.std()).isEqualTo(Math.sqrt((100 * 100 - 1) / 12.0), within(1e-12));
        assertThat(reference.binOf(10)).isZero();
        assertThat(reference.binOf(10.5)).isEqualTo(1);
        assertThat(reference.binOf(1000)).isEqualTo(9);
    }

    @Test
    void repeatedValuesCollapseEdgesAndMissingValuesMakeTheNullRate() {
        double[] values = {0, 0, 0, 0, 0, 0, 0, 0, 1, Double.NaN};
        NumericReference reference = ReferenceBuilder.numeric("delinq", values, 10);

        assertThat(reference.edges()).containsExactly(0, 1);
        assertThat(reference.proportions()).containsExactly(8 / 9.0, 1 / 9.0, 0);
        assertThat(reference.nullRate()).isEqualTo(0.1);
        assertThat(reference.binShares()).containsExactly(new double[] {0.8, 0.1, 0, 0.1}, within(1e-15));
    }

    @Test
    void anAllMissingFeatureHasNoBinsButItsNullRate() {
        NumericReference reference = ReferenceBuilder.numeric("x", new double[] {Double.NaN, Double.NaN}, 10);

        assertThat(reference.edges()).isEmpty();
        assertThat(reference.binShares()).containsExactly(0, 1);
    }

    @Test
    void categoriesKeepTheMostFrequentAndFoldTheRestIntoOther() {
        Table table = Table.of(List.of(
                CategoricalColumn.of("state", "CA", "CA", "CA", "NY", "NY", "TX", "WA", null),
                NumericColumn.of("x", 1, 2, 3, 4, 5, 6, 7, 8),
                CategoricalColumn.of("y", "0", "1", "0", "1", "0", "1", "0", "1")));
        FeatureSchema schema = FeatureSchema.infer(table, "y", null);

        ReferenceStatistics statistics = ReferenceStatistics.of(schema, table, new double[8], new ReferenceOptions(4, 2));

        CategoricalReference state = (CategoricalReference) statistics.feature("state");
        assertThat(state.categories()).containsExactly("CA", "NY");
        assertThat(state.proportions()).containsExactly(3 / 7.0, 2 / 7.0, 2 / 7.0);
        assertThat(state.nullRate()).isEqualTo(1 / 8.0);
        assertThat(statistics.prediction().feature()).isEqualTo("prediction");
        assertThat(statistics.rows()).isEqualTo(8);
    }

    @Test
    void inconsistentReferencesAreRefused() {
        assertThatThrownBy(() -> new NumericReference("x", new double[] {1}, new double[] {1}, 0, 0, 0))
                .hasMessage("`x` needs one proportion per bin (2), has 1");
        assertThatThrownBy(() -> new NumericReference("x", new double[] {2, 1}, new double[] {0.5, 0.2, 0.3}, 0, 0, 0))
                .hasMessage("edges of `x` must be strictly ascending");
        assertThatThrownBy(() -> new CategoricalReference("c", List.of("a"), new double[] {0.5, 0.6}, 0))
                .hasMessage("proportions of `c` must sum to 1, sum to 1.1");
        assertThatThrownBy(() -> new NumericReference("x", new double[0], new double[] {1}, 1.5, 0, 0))
                .hasMessage("null rate of `x` must be within [0, 1], was 1.5");
    }
}
