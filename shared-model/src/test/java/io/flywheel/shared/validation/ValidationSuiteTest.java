package io.flywheel.shared.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flywheel.shared.data.CategoricalColumn;
import io.flywheel.shared.data.Column;
import io.flywheel.shared.data.ColumnType;
import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.data.NumericColumn;
import io.flywheel.shared.data.Table;
import io.flywheel.testing.TestDatasets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationSuiteTest {

    private static final Table LENDING = TestDatasets.lendingClub();
    private static final FeatureSchema SCHEMA = FeatureSchema.infer(LENDING, "Class", null);
    private static final ValidationSuite DEFAULTS = ValidationSuite.defaults("lending", SCHEMA,
            ValidationThresholds.defaults());

    @Test
    void theRealDataPassesTheSuiteItsSchemaImplies() {
        ValidationReport report = DEFAULTS.run(LENDING);

        assertThat(report.failures()).isEmpty();
        assertThat(report.passed()).isTrue();
        assertThat(report.rows()).isEqualTo(9857);
        assertThat(report.results()).extracting(RuleResult::rule).contains("min-rows", "required-column",
                "max-null-rate", "allowed-categories", "max-duplicate-rate", "class-balance");
    }

    @Test
    void aCorruptedCopyFailsNamingTheRuleTheColumnAndTheOffendingCount() {
        Table corrupted = corrupt(LENDING);

        ValidationReport report = DEFAULTS.run(corrupted);

        assertThat(report.passed()).isFalse();
        assertThat(report.failures()).extracting(RuleResult::rule, RuleResult::column, RuleResult::offending)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("required-column", "int_rate", 13L),
                        org.assertj.core.groups.Tuple.tuple("max-null-rate", "annual_inc", 2957L));
        assertThat(report.failures().get(0).message()).isEqualTo(
                "column `int_rate`: 13 of 9,857 values (0.1%) are not numbers (e.g. 'high'); a numeric column is expected");
        assertThat(report.failures().get(1).message()).isEqualTo(
                "column `annual_inc`: 2,957 of 9,857 values (30.0%) are missing; at most 5.0% allowed");
        assertThat(report.failures().get(1).observed()).isEqualTo("30.0%");
        assertThat(report.failures().get(1).expected()).isEqualTo("<= 5.0%");
    }

    @Test
    void suitesAreDataThatSurviveJson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ValidationSuite suite = new ValidationSuite("custom", 3, List.of(
                new NumericRange("annual_inc", 0.0, null, 0.0),
                new AllowedCategories("term", List.of("term_36", "term_60"), 0.0),
                new MaxNullRate("int_rate", 0.1), new MinRows(10), new MaxDuplicateRate(0.5),
                new ClassBalance("Class", 0.05), new RequiredColumn("term", ColumnType.CATEGORICAL)));

        String text = json.writeValueAsString(suite);

        assertThat(text).contains("{\"rule\":\"numeric-range\",\"column\":\"annual_inc\",\"min\":0.0,\"max\":null,");
        assertThat(json.readValue(text, ValidationSuite.class)).isEqualTo(suite);
        assertThat(json.readValue(text, ValidationSuite.class).run(LENDING).passed()).isTrue();
    }

    /** int_rate holds text in 13 rows, annual_inc is missing in 30% of rows. */
    private static Table corrupt(Table table) {
        List<Column> columns = new ArrayList<>();
        for (Column column : table.columns()) {
            if (column.name().equals("int_rate")) {
                String[] text = new String[table.rowCount()];
                for (int row = 0; row < text.length; row++) {
                    text[row] = row % 800 == 5 ? "high" : Double.toString(((NumericColumn) column).value(row));
                }
                columns.add(CategoricalColumn.of("int_rate", text));
            } else if (column.name().equals("annual_inc")) {
                double[] values = ((NumericColumn) column).toArray();
                java.util.Arrays.fill(values, 0, 2957, Double.NaN);
                columns.add(NumericColumn.of("annual_inc", values));
            } else {
                columns.add(column);
            }
        }
        return Table.of(columns);
    }
}
