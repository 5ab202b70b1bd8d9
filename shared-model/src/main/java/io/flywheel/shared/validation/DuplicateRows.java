package io.flywheel.shared.validation;

import io.flywheel.shared.data.CategoricalColumn;
import io.flywheel.shared.data.Column;
import io.flywheel.shared.data.NumericColumn;
import io.flywheel.shared.data.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Counts rows equal to an earlier row. Each row gets a 64-bit hash built column by column (one pass per column, no
 * boxing); only rows whose hash repeats are compared cell by cell, so hash collisions never miscount.
 */
final class DuplicateRows {

    private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;
    private static final long MISSING_CATEGORY = 0x5BD1E995L;

    private DuplicateRows() {
    }

    static long count(Table table) {
        long[] hashes = new long[table.rowCount()];
        for (Column column : table.columns()) {
            mix(column, hashes);
        }
        long[] sorted = hashes.clone();
        Arrays.sort(sorted);
        Map<Long, List<Integer>> candidates = new HashMap<>();
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                candidates.put(sorted[i], new ArrayList<>());
            }
        }
        if (candidates.isEmpty()) {
            return 0;
        }
        for (int row = 0; row < hashes.length; row++) {
            List<Integer> rows = candidates.get(hashes[row]);
            if (rows != null) {
                rows.add(row);
            }
        }
        long duplicates = 0;
        for (List<Integer> rows : candidates.values()) {
            duplicates += duplicatesAmong(table, rows);
        }
        return duplicates;
    }

    /** Rows of a same-hash group equal to an earlier distinct row of the group. */
    private static long duplicatesAmong(Table table, List<Integer> rows) {
        List<Integer> distinct = new ArrayList<>();
        long duplicates = 0;
        for (int row : rows) {
            boolean seen = false;
            for (int i = 0; i < distinct.size() && !seen; i++) {
                seen = sameRow(table, distinct.get(i), row);
            }
            if (seen) {
                duplicates++;
            } else {
                distinct.add(row);
            }
        }
        return duplicates;
    }

    private static boolean sameRow(Table table, int a, int b) {
        for (Column column : table.columns()) {
            boolean same = column instanceof NumericColumn numeric
                    ? Double.doubleToLongBits(numeric.value(a)) == Double.doubleToLongBits(numeric.value(b))
                    : Objects.equals(((CategoricalColumn) column).value(a), ((CategoricalColumn) column).value(b));
            if (!same) {
                return false;
            }
        }
        return true;
    }

    private static void mix(Column column, long[] hashes) {
        for (int row = 0; row < hashes.length; row++) {
            long cell;
            if (column instanceof NumericColumn numeric) {
                cell = Double.doubleToLongBits(numeric.value(row));
            } else {
                String value = ((CategoricalColumn) column).value(row);
                cell = value == null ? MISSING_CATEGORY : value.hashCode();
            }
            hashes[row] = finish(hashes[row] * MULTIPLIER + cell);
        }
    }

    /** MurmurHash3's 64-bit finaliser: spreads every input bit over the whole hash. */
    private static long finish(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }
}
