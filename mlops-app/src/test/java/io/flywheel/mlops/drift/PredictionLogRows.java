package io.flywheel.mlops.drift;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flywheel.shared.data.ColumnType;
import io.flywheel.shared.data.Feature;
import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.data.Table;
import io.flywheel.shared.tabular.TabularModel;
import io.flywheel.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;

/**
 * Writes rows into inference-app's prediction log and feedback tables the way inference-app does (its own migrations,
 * time-ordered UUIDv7 ids, features as {@code jsonb}), for tests of mlops-app that read them without a running pod.
 */
public final class PredictionLogRows {

    private static final ObjectMapper JSON = new ObjectMapper();
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
                insert.setString(6, JSON.writeValueAsString(features));
                insert.setDouble(7, probability);
                insert.setString(8, scorer.label(probability));
                insert.setDouble(9, latencyMs);
                insert.addBatch();
                ids.add(id);
            }
            insert.executeBatch();
        }
        return ids;
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
