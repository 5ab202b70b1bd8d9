package io.flywheel.mlops.predictions;

import io.flywheel.shared.problem.Problem.FieldError;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which logged predictions a drift run (or a snapshot) looks at: those of the last {@code hours}, or the newest
 * {@code rows}. Exactly one is set.
 */
public record LiveWindow(Integer hours, Integer rows) {

    /** A year: a longer window is a typo, and would read the whole log. */
    public static final int MAX_HOURS = 24 * 366;
    /** The most rows one window reads. */
    public static final int MAX_ROWS = 100_000_000;

    public LiveWindow {
        if ((hours == null) == (rows == null)) {
            throw new IllegalArgumentException("a window is either hours or rows");
        }
    }

    public static LiveWindow ofHours(int hours) {
        return new LiveWindow(hours, null);
    }

    public static LiveWindow ofRows(int rows) {
        return new LiveWindow(null, rows);
    }

    /** Problems with a requested window, each naming its field ({@code prefix + "hours"} / {@code "rows"}). */
    public static List<FieldError> check(String hours, String rows, String prefix) {
        List<FieldError> errors = new ArrayList<>();
        if (hours != null && rows != null) {
            errors.add(new FieldError(prefix + "rows", "give hours or rows, not both"));
        }
        checkCount(hours, MAX_HOURS, prefix + "hours", errors);
        checkCount(rows, MAX_ROWS, prefix + "rows", errors);
        return errors;
    }

    /** The requested window, or the default when neither is given; 422 naming the field when one is wrong. */
    public static LiveWindow parse(String hours, String rows, String prefix, LiveWindow fallback) {
        List<FieldError> errors = check(hours, rows, prefix);
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "the window is invalid: "
                    + errors.get(0).field() + " " + errors.get(0).message(), errors);
        }
        if (hours != null) {
            return ofHours(Integer.parseInt(hours.strip()));
        }
        return rows != null ? ofRows(Integer.parseInt(rows.strip())) : fallback;
    }

    /** {@code {"hours": 24}} or {@code {"rows": 10000}}, as reports and snapshot sources record it. */
    public Map<String, Integer> describe() {
        return hours != null ? Map.of("hours", hours) : Map.of("rows", rows);
    }

    @Override
    public String toString() {
        return hours != null ? "last " + hours + " h" : "newest " + rows + " rows";
    }

    private static void checkCount(String value, int max, String field, List<FieldError> errors) {
        if (value == null) {
            return;
        }
        if (!value.strip().matches("[0-9]{1,9}") || Integer.parseInt(value.strip()) < 1
                || Integer.parseInt(value.strip()) > max) {
            errors.add(new FieldError(field, "must be a whole number from 1 to " + max + ", was '" + value + "'"));
        }
    }
}
