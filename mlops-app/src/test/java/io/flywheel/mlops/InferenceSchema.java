package io.flywheel.mlops;

import io.flywheel.testing.TestDatabase;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * inference-app's schema in the test database, made by inference-app's own migrations, for tests of what mlops-app
 * reads from it (audit events, answers and their feedback).
 */
public final class InferenceSchema {

    private InferenceSchema() {
    }

    /** Migrates {@code inference} to inference-app's latest version (idempotent). */
    public static void migrate() {
        Map<String, String> config = TestDatabase.shared().quarkusConfig();
        Flyway.configure().dataSource(config.get("quarkus.datasource.jdbc.url"),
                        config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"))
                .schemas("inference").locations("filesystem:../inference-app/src/main/resources/db/inference")
                .load().migrate();
    }
}
