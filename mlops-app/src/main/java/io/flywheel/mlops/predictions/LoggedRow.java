package io.flywheel.mlops.predictions;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The current row of a scan of the prediction log: one object moved along the result set, so that streaming a
 * million rows allocates nothing per row. Valid only inside {@link RowSink#accept}.
 */
public final class LoggedRow {

    static final int PROBABILITY = 1;
    static final int EPOCH_SECONDS = 2;
    static final int TRUE_LABEL = 3;
    static final int FIRST_FEATURE = 4;

    private final ResultSet rows;

    LoggedRow(ResultSet rows) {
        this.rows = rows;
    }

    /** The predicted probability of the positive class. */
    public double probability() throws SQLException {
        return rows.getDouble(PROBABILITY);
    }

    /** When the prediction was answered, in seconds since the epoch. */
    public double epochSeconds() throws SQLException {
        return rows.getDouble(EPOCH_SECONDS);
    }

    /** The true label from feedback, or {@code null} when none came. */
    public String trueLabel() throws SQLException {
        return rows.getString(TRUE_LABEL);
    }

    /** Numeric feature {@code index} (schema order); {@code NaN} when missing or not a number. */
    public double numeric(int index) throws SQLException {
        double value = rows.getDouble(FIRST_FEATURE + index);
        return rows.wasNull() ? Double.NaN : value;
    }

    /** Categorical feature {@code index} (schema order); {@code null} when missing. */
    public String category(int index) throws SQLException {
        return rows.getString(FIRST_FEATURE + index);
    }
}
