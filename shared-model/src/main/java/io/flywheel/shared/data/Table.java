package io.flywheel.shared.data;

import io.flywheel.shared.problem.Problem;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An immutable columnar table: named numeric and categorical columns of equal length. */
public final class Table {

    private final List<Column> columns;
    private final Map<String, Column> byName;
    private final int rowCount;

    private Table(List<Column> columns) {
        if (columns.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_DATASET, "a table needs at least one column");
        }
        this.columns = List.copyOf(columns);
        this.rowCount = columns.get(0).size();
        this.byName = new HashMap<>();
        for (Column column : columns) {
            if (byName.put(column.name(), column) != null) {
                throw new ProblemException(ProblemType.INVALID_DATASET,
                        "column `" + column.name() + "` appears more than once");
            }
            if (column.size() != rowCount) {
                throw new ProblemException(ProblemType.INVALID_DATASET, "column `" + column.name() + "` has "
                        + column.size() + " rows but column `" + columns.get(0).name() + "` has " + rowCount);
            }
        }
    }

    /** A table of the given columns, in that order. */
    public static Table of(List<? extends Column> columns) {
        return new Table(new ArrayList<>(columns));
    }

    /** A builder fed with raw string cells, one row at a time (what a CSV parser yields). */
    public static TableBuilder builder(List<String> header) {
        return new TableBuilder(header);
    }

    public int rowCount() {
        return rowCount;
    }

    public List<Column> columns() {
        return columns;
    }

    public List<String> columnNames() {
        List<String> names = new ArrayList<>(columns.size());
        for (Column column : columns) {
            names.add(column.name());
        }
        return Collections.unmodifiableList(names);
    }

    public boolean has(String name) {
        return byName.containsKey(name);
    }

    /** The named column; a precise error naming the available columns when there is none. */
    public Column column(String name) {
        Column column = byName.get(name);
        if (column == null) {
            throw new ProblemException(ProblemType.INVALID_DATASET,
                    "no column `" + name + "`; the columns are " + String.join(", ", columnNames()),
                    List.of(new Problem.FieldError(name, "is not a column of the table")));
        }
        return column;
    }

    public NumericColumn numeric(String name) {
        if (column(name) instanceof NumericColumn numeric) {
            return numeric;
        }
        throw wrongType(name, ColumnType.NUMERIC);
    }

    public CategoricalColumn categorical(String name) {
        if (column(name) instanceof CategoricalColumn categorical) {
            return categorical;
        }
        throw wrongType(name, ColumnType.CATEGORICAL);
    }

    /** The same columns holding only the given rows, in the given order (indices may repeat). */
    public Table select(int[] rows) {
        for (int row : rows) {
            if (row < 0 || row >= rowCount) {
                throw new IndexOutOfBoundsException("row " + row + " is outside 0.." + (rowCount - 1));
            }
        }
        List<Column> picked = new ArrayList<>(columns.size());
        for (Column column : columns) {
            picked.add(column.select(rows));
        }
        return new Table(picked);
    }

    private ProblemException wrongType(String name, ColumnType expected) {
        return new ProblemException(ProblemType.INVALID_DATASET,
                "column `" + name + "` is " + column(name).type().name().toLowerCase(java.util.Locale.ROOT)
                        + ", not " + expected.name().toLowerCase(java.util.Locale.ROOT),
                List.of(new Problem.FieldError(name, "must be " + expected.name().toLowerCase(java.util.Locale.ROOT))));
    }

    static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new ProblemException(ProblemType.INVALID_DATASET, "a column needs a non-blank name");
        }
        return name;
    }

    @Override
    public String toString() {
        return "Table[" + rowCount + " rows, columns " + columnNames() + "]";
    }
}
