package io.flywheel.mlops.predictions;

import io.agroal.api.AgroalDataSource;
import io.flywheel.shared.drift.DriftAccumulator;
import io.flywheel.shared.drift.LatencyHistogram;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads inference-app's per-minute serving aggregates ({@code inference.serving_minute}, written by every pod, see
 * docs/drift.md): drift windows are sums of minutes' bin counts, the anomaly series sums of minutes' requests, errors
 * and latency histograms. A day of a version is ~1,440 rows per pod whatever its traffic, so a window costs the same
 * for a thousand predictions as for a million. Blocking JDBC, for jobs and worker threads, like {@link PredictionLog}.
 */
@ApplicationScoped
public class ServingMinutes {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final String EXISTS = "SELECT to_regclass('inference.serving_minute') IS NOT NULL";
    private static final String COLUMNS = "SELECT minute, pod, drift_encoding, drift_counts "
            + "FROM inference.serving_minute WHERE model = ? AND model_version = ? AND drift_counts IS NOT NULL";
    private static final String LAST_HOURS = COLUMNS + " AND minute >= now() - make_interval(hours => ?)";
    private static final String NEWEST_FIRST = COLUMNS + " ORDER BY minute DESC";
    private static final String HOURLY = "SELECT extract(epoch FROM date_trunc('hour', minute))::bigint, requests, "
            + "errors, latency_encoding, latency_buckets FROM inference.serving_minute WHERE model = ? AND minute >= ? "
            + "ORDER BY minute";

    private final AgroalDataSource database;

    public ServingMinutes(AgroalDataSource database) {
        this.database = database;
    }

    /** What a drift window covered: its binned rows and the span of its whole minutes (null when empty). */
    public record Span(long rows, Instant from, Instant to) {
    }

    /** One hour of a model's serving: requests, errors and the answered requests' latencies. */
    public record HourlyPoint(long hour, long requests, long errors, LatencyHistogram latency) {
    }

    /** Whether inference-app's aggregates exist in this database (they do wherever both apps share it). */
    public boolean exists() throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement(EXISTS);
             ResultSet result = statement.executeQuery()) {
            return result.next() && result.getBoolean(1);
        }
    }

    /**
     * Adds the version's drift counts of the window into {@code counts}: every minute of the last {@code hours}, or the
     * newest whole minutes until they hold at least {@code rows} rows (minute granularity: a window of rows may hold a
     * minute's worth more).
     *
     * @throws ProblemException (409) naming the minute and pod when a row's counts do not fit the reference's bins
     */
    public Span driftCounts(String model, int version, LiveWindow window, DriftAccumulator counts,
                            int timeoutSeconds) throws SQLException {
        boolean byHours = window.hours() != null;
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement(byHours ? LAST_HOURS : NEWEST_FIRST)) {
            statement.setQueryTimeout(timeoutSeconds);
            statement.setString(1, model);
            statement.setInt(2, version);
            if (byHours) {
                statement.setInt(3, window.hours());
            }
            Instant from = null;
            Instant to = null;
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    Instant minute = result.getTimestamp(1).toInstant();
                    if (!byHours && counts.rows() >= window.rows() && minute.isBefore(from)) {
                        break; // the newest whole minutes hold the rows asked for
                    }
                    add(counts, result, model, version, minute);
                    from = from == null || minute.isBefore(from) ? minute : from;
                    to = to == null || minute.plus(MINUTE).isAfter(to) ? minute.plus(MINUTE) : to;
                }
            }
            return new Span(counts.rows(), from, to);
        }
    }

    /** The model's hours since {@code since} (every version and pod), oldest first; hours never served are absent. */
    public List<HourlyPoint> hourly(String model, Instant since, int timeoutSeconds) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement(HOURLY)) {
            statement.setQueryTimeout(timeoutSeconds);
            statement.setString(1, model);
            statement.setTimestamp(2, Timestamp.from(since));
            List<HourlyPoint> points = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                long hour = Long.MIN_VALUE;
                long requests = 0;
                long errors = 0;
                LatencyHistogram latency = null;
                while (result.next()) {
                    if (result.getLong(1) != hour) {
                        if (latency != null) {
                            points.add(new HourlyPoint(hour, requests, errors, latency));
                        }
                        hour = result.getLong(1);
                        requests = 0;
                        errors = 0;
                        latency = new LatencyHistogram();
                    }
                    requests += result.getLong(2);
                    errors += result.getLong(3);
                    if (result.getInt(4) != LatencyHistogram.ENCODING) {
                        throw new ProblemException(ProblemType.CONFLICT, "inference.serving_minute of '" + model
                                + "' holds latency buckets of layout " + result.getInt(4) + "; this mlops-app reads "
                                + "layout " + LatencyHistogram.ENCODING);
                    }
                    latency.add(longs(result.getArray(5)));
                }
                if (latency != null) {
                    points.add(new HourlyPoint(hour, requests, errors, latency));
                }
            }
            return points;
        }
    }

    private static void add(DriftAccumulator counts, ResultSet result, String model, int version, Instant minute)
            throws SQLException {
        String row = "inference.serving_minute of '" + model + "' v" + version + ", minute " + minute + ", pod '"
                + result.getString(2) + "'";
        if (result.getInt(3) != DriftAccumulator.COUNTS_ENCODING) {
            throw new ProblemException(ProblemType.CONFLICT, row + ": drift counts of layout " + result.getInt(3)
                    + "; this mlops-app reads layout " + DriftAccumulator.COUNTS_ENCODING);
        }
        try {
            counts.addCounts(longs(result.getArray(4)));
        } catch (IllegalArgumentException mismatch) {
            throw new ProblemException(ProblemType.CONFLICT, row + " does not fit the version's training reference: "
                    + mismatch.getMessage());
        }
    }

    private static long[] longs(Array array) throws SQLException {
        Object[] values = (Object[]) array.getArray();
        long[] longs = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            longs[i] = values[i] == null ? -1 : ((Number) values[i]).longValue(); // a null entry is refused as negative
        }
        return longs;
    }
}
