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
import java.util.ArrayList;
import java.util.List;

/**
 * Reads inference-app's prediction log ({@code inference.prediction} ⨝ {@code inference.feedback}, docs/serving.md)
 * for the loop: drift windows, labelled snapshots, new-label counts, hourly latency series. Blocking JDBC on purpose:
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
    private static final String HOURLY_LATENCY = "SELECT extract(epoch FROM date_trunc('hour', created_at))::bigint, "
            + "percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms), count(DISTINCT request_id) "
            + "FROM inference.prediction WHERE model = ? AND created_at >= ? GROUP BY 1 ORDER BY 1";

    private final AgroalDataSource database;

    public PredictionLog(AgroalDataSource database) {
        this.database = database;
    }

    /** What a scan reads. */
    public record Scan(String model, Integer version, FeatureSchema schema, LiveWindow window, boolean labelledOnly,
                       int fetchSize, int timeoutSeconds) {
    }

    /** One hour of a series: its start (epoch seconds), the value, and the requests it is computed from. */
    public record HourlyPoint(long hour, double value, long requests) {
    }

    /** Whether inference-app's tables exist in this database (they do wherever both apps share it). */
    public boolean exists() throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement(EXISTS);
             ResultSet result = statement.executeQuery()) {
            return result.next() && result.getBoolean(1);
        }
    }

    /**
     * Streams the window's predictions of a model (of one version, or all when {@code version} is null), with
     * their feedback label, into the sink; the number of rows.
     */
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

    /** The model's p95 latency per hour since {@code since}, oldest first (hours without predictions are absent). */
    public List<HourlyPoint> hourlyLatencyP95(String model, Instant since, int timeoutSeconds) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement(HOURLY_LATENCY)) {
            statement.setQueryTimeout(timeoutSeconds);
            statement.setString(1, model);
            statement.setTimestamp(2, Timestamp.from(since));
            List<HourlyPoint> points = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    points.add(new HourlyPoint(result.getLong(1), result.getDouble(2), result.getLong(3)));
                }
            }
            return points;
        }
    }

    /**
     * Columns: probability, epoch seconds, feedback label, then one per feature. A rows window takes the newest rows
     * by prediction id (UUIDv7: time order, read backwards on the primary key). Labelled scans (snapshots) come in
     * time order, so the same rows always make the same snapshot; drift scans in any order (no sort of a million rows).
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
                .append(scan.labelledOnly() ? "JOIN" : "LEFT JOIN")
                .append(" inference.feedback f ON f.prediction_id = p.prediction_id AND f.label IS NOT NULL")
                .append(" WHERE p.model = ?")
                .append(scan.version() == null ? "" : " AND p.model_version = ?");
        String order = scan.labelledOnly() ? " ORDER BY 2" : "";
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
        if (scan.version() != null) {
            statement.setInt(index++, scan.version());
        }
        statement.setInt(index, scan.window().hours() != null ? scan.window().hours() : scan.window().rows());
    }
}
