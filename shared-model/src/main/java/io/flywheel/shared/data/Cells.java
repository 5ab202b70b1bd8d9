package io.flywheel.shared.data;

import java.util.Set;

/**
 * How raw string cells are read. A cell is trimmed first; it is <b>missing</b> when what remains is one of
 * {@link #MISSING_TOKENS} (the usual spellings of "no value" in exported data, compared exactly); it is a <b>number</b>
 * when it is a plain decimal or scientific literal ({@code 12}, {@code -0.5}, {@code 1e-3}) whose value is finite.
 */
public final class Cells {

    /** Cells that mean "no value": empty, NA, N/A, n/a, #N/A, NaN, nan, -NaN, -nan, NULL, null, None, &lt;NA&gt;. */
    public static final Set<String> MISSING_TOKENS =
            Set.of("", "NA", "N/A", "n/a", "#N/A", "NaN", "nan", "-NaN", "-nan", "NULL", "null", "None", "<NA>");

    private Cells() {
    }

    /** The trimmed cell, or {@code null} when it means "no value". */
    public static String normalize(String cell) {
        if (cell == null) {
            return null;
        }
        String trimmed = cell.strip();
        return MISSING_TOKENS.contains(trimmed) ? null : trimmed;
    }

    /**
     * The finite number a normalized, present cell spells, or {@code NaN} when it is not one. Only plain literals are
     * accepted: Java's extras ({@code 0x1p3}, {@code 1d}, {@code Infinity}) are text, not numbers.
     */
    public static double parseNumber(String cell) {
        if (cell.isEmpty()) {
            return Double.NaN;
        }
        boolean digit = false;
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return Double.NaN;
            }
        }
        if (!digit) {
            return Double.NaN;
        }
        try {
            double value = Double.parseDouble(cell);
            return Double.isInfinite(value) ? Double.NaN : value;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The text of a number as a label or category: {@code 1.0} reads {@code 1}, {@code 0.5} stays {@code 0.5}. */
    public static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
