package io.flywheel.shared.data;

/** One immutable, named column of a {@link Table}. */
public sealed interface Column permits NumericColumn, CategoricalColumn {

    String name();

    ColumnType type();

    /** Number of rows. */
    int size();

    /** Number of missing cells (NaN in a numeric column, null in a categorical one). */
    int missingCount();

    boolean isMissing(int row);

    /** The same column holding only the given rows, in the given order. */
    Column select(int[] rows);
}
