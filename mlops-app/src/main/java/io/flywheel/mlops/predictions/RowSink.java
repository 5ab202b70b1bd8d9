package io.flywheel.mlops.predictions;

import java.sql.SQLException;

/** Receives the rows of a prediction-log scan, one at a time. */
@FunctionalInterface
public interface RowSink {

    void accept(LoggedRow row) throws SQLException;
}
