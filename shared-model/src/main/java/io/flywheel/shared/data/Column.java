package io.flywheel.shared.data;

/** One immutable, named column of a {@link Table}. */
public abstract sealed class Column permits NumericColumn, CategoricalColumn {

    private final String name;
    private final int size;
    private final int missing;

    Column(String name, int size, int missing) {
        this.name = Table.requireName(name);
        this.size = size;
        this.missing = missing;
    }

    public final String name() {
        return name;
    }

    public abstract ColumnType type();

    /** Number of rows. */
    public final int size() {
        return size;
    }

    /** Number of missing cells (NaN in a numeric column, null in a categorical one). */
    public final int missingCount() {
        return missing;
    }

    public abstract boolean isMissing(int row);

    /** The same column holding only the given rows, in the given order. */
    public abstract Column select(int[] rows);

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name + ", " + size + " rows]";
    }
}
