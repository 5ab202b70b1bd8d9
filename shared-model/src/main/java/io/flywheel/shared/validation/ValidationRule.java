package io.flywheel.shared.validation;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.flywheel.shared.data.Table;
import java.util.List;

/** One check a dataset must pass before training; rules are data, stored and versioned with their suite. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "rule")
@JsonSubTypes({
        @JsonSubTypes.Type(value = RequiredColumn.class, name = RequiredColumn.NAME),
        @JsonSubTypes.Type(value = NumericRange.class, name = NumericRange.NAME),
        @JsonSubTypes.Type(value = AllowedCategories.class, name = AllowedCategories.NAME),
        @JsonSubTypes.Type(value = MaxNullRate.class, name = MaxNullRate.NAME),
        @JsonSubTypes.Type(value = MaxDuplicateRate.class, name = MaxDuplicateRate.NAME),
        @JsonSubTypes.Type(value = MinRows.class, name = MinRows.NAME),
        @JsonSubTypes.Type(value = ClassBalance.class, name = ClassBalance.NAME)})
public sealed interface ValidationRule
        permits RequiredColumn, NumericRange, AllowedCategories, MaxNullRate, MaxDuplicateRate, MinRows, ClassBalance {

    /** Judges the table: one result per column checked (one for a table-wide rule). */
    List<RuleResult> check(Table table);

    /** A rate limit must be a share within [0, 1]. */
    static double requireRate(double rate, String what) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(what + " must be within [0, 1], was " + rate);
        }
        return rate;
    }

    static String requireColumn(String column) {
        if (column == null || column.isBlank()) {
            throw new IllegalArgumentException("a rule needs the column it checks");
        }
        return column;
    }
}
