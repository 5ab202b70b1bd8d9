package io.flywheel.shared.data;

import io.flywheel.shared.problem.Problem;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects raw string cells row by row and builds a {@link Table}, inferring each column's type (numeric when every
 * present cell is a finite number, see {@link Cells}) or following the types it is given. Not thread-safe.
 */
public final class TableBuilder {

    private static final int INITIAL_CAPACITY = 1024;

    private final List<String> header;
    private final String[][] cells;
    private int rows;

    TableBuilder(List<String> header) {
        if (header == null || header.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_DATASET, "the header names no column");
        }
        Set<String> seen = new HashSet<>();
        List<String> names = new ArrayList<>(header.size());
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i) == null ? "" : header.get(i).strip();
            if (name.isEmpty()) {
                throw new ProblemException(ProblemType.INVALID_DATASET, "header column " + (i + 1) + " has no name");
            }
            if (!seen.add(name)) {
                throw new ProblemException(ProblemType.INVALID_DATASET, "column `" + name + "` appears more than once");
            }
            names.add(name);
        }
        this.header = List.copyOf(names);
        this.cells = new String[names.size()][INITIAL_CAPACITY];
    }

    /** Adds one data row; its cell count must match the header. Cells are normalized (trimmed, missing → null). */
    public TableBuilder addRow(String... row) {
        if (row.length != header.size()) {
            throw new ProblemException(ProblemType.INVALID_DATASET, "data row " + (rows + 1) + " has " + row.length
                    + " cells but the header names " + header.size() + " columns");
        }
        if (rows == cells[0].length) {
            for (int c = 0; c < cells.length; c++) {
                cells[c] = Arrays.copyOf(cells[c], rows * 2);
            }
        }
        for (int c = 0; c < row.length; c++) {
            cells[c][rows] = Cells.normalize(row[c]);
        }
        rows++;
        return this;
    }

    public int rowCount() {
        return rows;
    }

    /** Builds the table, inferring every column's type. */
    public Table build() {
        return build(Map.of());
    }

    /**
     * Builds the table; columns named in {@code types} get that type (a numeric column whose cells are not all numbers
     * is refused, naming the first offending cell), the others are inferred.
     */
    public Table build(Map<String, ColumnType> types) {
        for (String name : types.keySet()) {
            if (!header.contains(name)) {
                throw new ProblemException(ProblemType.INVALID_DATASET, "the schema names column `" + name
                        + "` but the header does not; the columns are " + String.join(", ", header),
                        List.of(new Problem.FieldError(name, "is not a column of the data")));
            }
        }
        List<Column> columns = new ArrayList<>(header.size());
        for (int c = 0; c < header.size(); c++) {
            columns.add(column(header.get(c), Arrays.copyOf(cells[c], rows), types.get(header.get(c))));
        }
        return Table.of(columns);
    }

    private static Column column(String name, String[] values, ColumnType declared) {
        double[] numbers = new double[values.length];
        int firstText = -1;
        for (int row = 0; row < values.length && firstText < 0; row++) {
            String value = values[row];
            numbers[row] = value == null ? Double.NaN : Cells.parseNumber(value);
            if (value != null && Double.isNaN(numbers[row])) {
                firstText = row;
            }
        }
        if (declared == ColumnType.CATEGORICAL || (declared == null && firstText >= 0)) {
            return CategoricalColumn.wrap(name, values);
        }
        if (firstText >= 0) {
            throw new ProblemException(ProblemType.INVALID_DATASET, "column `" + name + "` is declared numeric but row "
                    + (firstText + 1) + " holds '" + values[firstText] + "', which is not a finite number",
                    List.of(new Problem.FieldError(name, "must hold numbers")));
        }
        return NumericColumn.wrap(name, numbers);
    }
}
