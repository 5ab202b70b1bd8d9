package io.flywheel.mlops.drift;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flywheel.shared.data.ColumnType;
import io.flywheel.shared.data.Feature;
import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.data.Table;
import io.flywheel.shared.drift.DriftAccumulator;
import io.flywheel.shared.drift.LatencyHistogram;
import io.flywheel.shared.tabular.TabularModel;
import io.flywheel.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;

/**
 * Writes rows into inference-app's prediction log, serving minutes and feedback tables the way inference-app does (its
 * own migrations, time-ordered UUIDv7 ids, features as {@code jsonb}, each row binned on the version's reference with
 * shared-model's encoder and added to its minute row by the same upsert), for tests of mlops-app that read them
 * without a running pod. Each row counts as one request.
 */
public final class PredictionLogRows {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POD = "test-pod";
    // inference-app's ServingMinutes.UPSERT, with JDBC parameters
    private static final String UPSERT_MINUTE = "INSERT INTO inference.serving_minute AS m (model, model_version, "
            + "minute, pod, requests, errors, scored_rows, latency_encoding, latency_buckets, drift_encoding, "
            + "drift_counts) VALUES (?, ?, date_trunc('minute', ?::timestamptz), ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (model, model_version, minute, pod) DO UPDATE SET "
            + "requests = m.requests + EXCLUDED.requests, "
            + "errors = m.errors + EXCLUDED.errors, scored_rows = m.scored_rows + EXCLUDED.scored_rows, "
            + "latency_buckets = inference.add_counts(m.latency_buckets, EXCLUDED.latency_buckets), "
            + "drift_encoding = coalesce(m.drift_encoding, EXCLUDED.drift_encoding), "
            + "drift_counts = inference.add_counts(m.drift_counts, EXCLUDED.drift_counts)";
    private static final AtomicLong CLOCK = new AtomicLong(System.currentTimeMillis());

    private PredictionLogRows() {
    }

    /** Creates inference-app's schema with its own migrations (idempotent). */
    public static void migrateInferenceSchema() {
        Map<String, String> config = TestDatabase.shared().quarkusConfig();
        Flyway.configure().dataSource(config.get("quarkus.datasource.jdbc.url"),
                        config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"))
                .schemas("inference").locations("filesystem:../inference-app/src/main/resources/db/inference")
                .load().migrate();
    }

    /**
     * Logs every row of the table as the model version's prediction (scored by it), numeric features in
     * {@code scaled} multiplied by {@code factor}; the prediction ids, in order.
     */
    public static List<UUID> log(String model, int version, TabularModel scorer, Table rows, Set<String> scaled,
                                 double factor) throws Exception {
        return log(model, version, scorer, rows, scaled, factor, Instant.now(), 1.5);
    }

    /** The same, answered at {@code at} with the given request latency. */
    public static List<UUID> log(String model, int version, TabularModel scorer, Table rows, Set<String> scaled,
                                 double factor, Instant at, double latencyMs) throws Exception {
        FeatureSchema schema = scorer.schema();
        String sql = "INSERT INTO inference.prediction (prediction_id, created_at, model, model_version, canary, "
                + "request_id, features, probability, label, latency_ms, batch_rows, caller) "
                + "VALUES (?, ?, ?, ?, false, ?, ?::jsonb, ?, ?, ?, 1, 'test')";
        List<UUID> ids = new ArrayList<>();
        Object[] columns = columns(schema, rows.rowCount());
        double[] probabilities = new double[rows.rowCount()];
        LatencyHistogram latency = new LatencyHistogram();
        try (Connection connection = TestDatabase.shared().connect();
             PreparedStatement insert = connection.prepareStatement(sql)) {
            for (int row = 0; row < rows.rowCount(); row++) {
                long millis = CLOCK.incrementAndGet();
                UUID id = uuidV7(millis);
                insert.setObject(1, id);
                insert.setTimestamp(2, Timestamp.from(at));
                insert.setString(3, model);
                insert.setInt(4, version);
                insert.setString(5, "req-" + row);
                Map<String, Object> features = features(schema, rows, row, scaled, factor);
                double probability = scorer.scoreRow(features);
                setRow(columns, schema, row, features);
                probabilities[row] = probability;
                latency.record(latencyMs);
                insert.setString(6, JSON.writeValueAsString(features));
                insert.setDouble(7, probability);
                insert.setString(8, scorer.label(probability));
                insert.setDouble(9, latencyMs);
                insert.addBatch();
                ids.add(id);
            }
            insert.executeBatch();
        }
        DriftAccumulator counts = new DriftAccumulator(scorer.artifact().reference());
        counts.addColumns(columns, probabilities);
        minute(model, version, at, rows.rowCount(), 0, latency.counts(), counts.counts());
        return ids;
    }

    /** Adds to a minute row of this test pod as inference-app's upsert does; {@code drift} may be null. */
    public static void minute(String model, int version, Instant at, long requests, long errors, long[] latency,
                              long[] drift) throws SQLException {
        try (Connection connection = TestDatabase.shared().connect()) {
            minute(connection, model, version, at, requests, errors, latency, drift);
        }
    }

    /** The same on an open connection (many rows). */
    public static void minute(Connection connection, String model, int version, Instant at, long requests,
                              long errors, long[] latency, long[] drift) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT_MINUTE)) {
            upsert.setString(1, model);
            upsert.setInt(2, version);
            upsert.setTimestamp(3, Timestamp.from(at));
            upsert.setString(4, POD);
            upsert.setLong(5, requests);
            upsert.setLong(6, errors);
            upsert.setLong(7, drift == null ? 0 : requests - errors);
            upsert.setShort(8, (short) LatencyHistogram.ENCODING);
            upsert.setArray(9, connection.createArrayOf("bigint", boxed(latency)));
            upsert.setObject(10, drift == null ? null : (short) DriftAccumulator.COUNTS_ENCODING, Types.SMALLINT);
            upsert.setArray(11, drift == null ? null : connection.createArrayOf("bigint", boxed(drift)));
            upsert.executeUpdate();
        }
    }

    /** Requests of a minute refused by the version (they have no latency and no rows). */
    public static void errors(String model, int version, Instant at, long requests, long errors)
            throws SQLException {
        minute(model, version, at, requests, errors, new LatencyHistogram().counts(), null);
    }

    private static Object[] columns(FeatureSchema schema, int rows) {
        Object[] columns = new Object[schema.features().size()];
        for (int f = 0; f < columns.length; f++) {
            columns[f] = schema.features().get(f).type() == ColumnType.NUMERIC ? new double[rows] : new String[rows];
        }
        return columns;
    }

    private static void setRow(Object[] columns, FeatureSchema schema, int row, Map<String, Object> features) {
        for (int f = 0; f < columns.length; f++) {
            Object value = features.get(schema.features().get(f).name());
            if (columns[f] instanceof double[] numbers) {
                numbers[row] = value == null ? Double.NaN : ((Number) value).doubleValue();
            } else {
                ((String[]) columns[f])[row] = (String) value;
            }
        }
    }

    private static Long[] boxed(long[] counts) {
        return Arrays.stream(counts).boxed().toArray(Long[]::new);
    }

    /** Gives each prediction its true label, as {@code POST /v1/feedback} stores it. */
    public static void feedback(List<UUID> predictions, List<String> labels) throws SQLException {
        try (Connection connection = TestDatabase.shared().connect();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO inference.feedback "
                     + "(prediction_id, label, key_id) VALUES (?, ?, 'test')")) {
            for (int i = 0; i < predictions.size(); i++) {
                insert.setObject(1, predictions.get(i));
                insert.setString(2, labels.get(i));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static Map<String, Object> features(FeatureSchema schema, Table rows, int row, Set<String> scaled,
                                                double factor) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Feature feature : schema.features()) {
            if (feature.type() == ColumnType.NUMERIC) {
                double value = rows.numeric(feature.name()).value(row);
                values.put(feature.name(), Double.isNaN(value) ? null
                        : scaled.contains(feature.name()) ? value * factor : value);
            } else {
                values.put(feature.name(), rows.categorical(feature.name()).value(row));
            }
        }
        return values;
    }

    /** RFC 9562 version 7: 48 bits of milliseconds, then random bits; ids made later sort later. */
    private static UUID uuidV7(long millis) {
        long random = ThreadLocalRandom.current().nextLong();
        long msb = (millis << 16) | 0x7000L | (random & 0x0FFFL);
        long lsb = (ThreadLocalRandom.current().nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
