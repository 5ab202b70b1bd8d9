package io.flywheel.shared.data;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The two kinds of column Flywheel models understand: numbers (NaN = missing) and categories (null = missing). */
public enum ColumnType {
    @JsonProperty("numeric") NUMERIC,
    @JsonProperty("categorical") CATEGORICAL
}
