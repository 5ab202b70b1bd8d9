package io.flywheel.mlops.predictions;

import io.agroal.api.AgroalDataSource;
import io.flywheel.shared.data.ColumnType;
import io.flywheel.shared.data.Feature;
import io.flywheel.shared.data.FeatureSchema;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;

/**
 * Reads inference-app's prediction log ({@code inference.prediction} ⨝ {@code inference.feedback}, docs/serving.md)
 * for the loop: labelled predictions (snapshots, live quality of a drift window), new-label counts; drift counts and
 * the anomaly series come from {@link ServingMinutes} instead. Blocking JDBC on purpose:
 * every caller is a job or a worker thread, and a server-side cursor ({@code fetchSize} rows per round trip) streams
 * any number of rows in constant memory, where the reactive client would hand them to an event loop. PostgreSQL
 * extracts each feature from the {@code jsonb} (typed: a numeric feature arrives as {@code float8}), so Java parses no
 * JSON. Feature names are bound as parameters, never spliced into SQL.
 */
@ApplicationScoped
public class PredictionLog {

    private static final String EXISTS = "SELECT to_regclass('inference.prediction') IS NOT NULL "
            + "AND to_regclass('inference.feedback') IS NOT NULL";
    private static final String NEW_LABELS = "SELECT count(*) FROM inference.feedback f JOIN inference.prediction p "
            + "ON p.prediction_id = f.prediction_id WHERE p.model = ? AND f.label IS NOT NULL AND f.updated_at > ?";
    private static final String LABELLED_SCORES = "SELECT p.probability, f.label FROM inference.prediction p "
            + "JOIN inference.feedback f ON f.prediction_id = p.prediction_id AND f.label IS NOT NULL "
            + "WHERE p.model = ? AND p.model_version = ? AND p.created_at >= ? AND p.created_at < ?";

    private static final int INITIAL_LABELLED = 1024;

    private final AgroalDataSource database;

    public PredictionLog(AgroalDataSource database) {
        this.database = database;
    }

    /** What a scan reads: the labelled predictions of a model (every version) in a window. */
    public record Scan(String model, FeatureSchema schema, LiveWindow window, int fetchSize, int timeoutSeconds) {
    }

    /** Labelled predictions: each one's probability and whether its true label is the positive class (1) or not. */
    public record Labelled(double[] scores, int[] truth) {
    }

    /** Whether inference-app's tables exist in this database (they do wherever both apps share it). */
    public boolean exists() throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement(EXISTS);
             ResultSet result = statement.executeQuery()) {
            return result.next() && result.getBoolean(1);
        }
    }

    /** Streams the window's labelled predictions of a model, in time order, into the sink; the number of rows. */
    public long scan(Scan scan, RowSink sink) throws SQLException {
        try (Connection connection = database.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false); // a cursor lives in a transaction; without one pgjdbc reads everything
            try (PreparedStatement statement = connection.prepareStatement(sql(scan))) {
                statement.setFetchSize(scan.fetchSize());
                statement.setQueryTimeout(scan.timeoutSeconds());
                bind(statement, scan);
                long rows = 0;
                try (ResultSet result = statement.executeQuery()) {
                    LoggedRow row = new LoggedRow(result);
                    while (result.next()) {
                        sink.accept(row);
                        rows++;
                    }
                }
                return rows;
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    /** Labels given to the model's predictions after {@code since} (feedback rows created or replaced since). */
    public long newLabelsSince(String model, Instant since) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement(NEW_LABELS)) {
            statement.setString(1, model);
            statement.setTimestamp(2, Timestamp.from(since));
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    /**
     * The version's predictions answered in {@code [from, to)} that received a true label: a minority of the window,
     * for live accuracy and AUC.
     */
    public Labelled labelled(String model, int version, String positiveClass, Instant from, Instant to,
                             int timeoutSeconds) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement(LABELLED_SCORES)) {
            statement.setQueryTimeout(timeoutSeconds);
            statement.setString(1, model);
            statement.setInt(2, version);
            statement.setTimestamp(3, Timestamp.from(from));
            statement.setTimestamp(4, Timestamp.from(to));
            double[] scores = new double[INITIAL_LABELLED];
            int[] truth = new int[INITIAL_LABELLED];
            int labelled = 0;
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    if (labelled == scores.length) {
                        scores = Arrays.copyOf(scores, labelled * 2);
                        truth = Arrays.copyOf(truth, labelled * 2);
                    }
                    scores[labelled] = result.getDouble(1);
                    truth[labelled++] = result.getString(2).equals(positiveClass) ? 1 : 0;
                }
            }
            return new Labelled(Arrays.copyOf(scores, labelled), Arrays.copyOf(truth, labelled));
        }
    }

    /**
     * Columns: probability, epoch seconds, feedback label, then one per feature. A rows window takes the newest rows
     * by prediction id (UUIDv7: time order, read backwards on the primary key). Rows come in time order, so the same
     * rows always make the same snapshot.
     */
    static String sql(Scan scan) {
        StringBuilder select = new StringBuilder(
                "SELECT p.probability, extract(epoch FROM p.created_at)::float8, f.label");
        for (Feature feature : scan.schema().features()) {
            select.append(feature.type() == ColumnType.NUMERIC
                    ? ", CASE WHEN jsonb_typeof(p.features -> ?) = 'number' THEN (p.features ->> ?)::float8 END"
                    : ", p.features ->> ?");
        }
        select.append(" FROM inference.prediction p ")
                .append("JOIN inference.feedback f ON f.prediction_id = p.prediction_id AND f.label IS NOT NULL")
                .append(" WHERE p.model = ?");
        String order = " ORDER BY 2";
        if (scan.window().hours() != null) {
            return select.append(" AND p.created_at >= now() - make_interval(hours => ?)") + order;
        }
        return "SELECT * FROM (" + select.append(" ORDER BY p.prediction_id DESC LIMIT ?") + ") newest" + order;
    }

    private static void bind(PreparedStatement statement, Scan scan) throws SQLException {
        int index = 1;
        for (Feature feature : scan.schema().features()) {
            statement.setString(index++, feature.name());
            if (feature.type() == ColumnType.NUMERIC) {
                statement.setString(index++, feature.name());
            }
        }
        statement.setString(index++, scan.model());
        statement.setInt(index, scan.window().hours() != null ? scan.window().hours() : scan.window().rows());
    }
}
