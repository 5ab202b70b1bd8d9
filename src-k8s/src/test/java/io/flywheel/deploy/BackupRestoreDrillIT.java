package io.flywheel.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.flywheel.testing.AppProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The restore procedure of src-k8s/backup/README.md, drilled for real: a database populated by both packaged apps
 * (their migrations, and registry content through mlops-app's API) is dumped with backup.sh (pg_dump), lost, and
 * restored with restore.sh (pg_restore + psql); every table of both schemas must come back identical and mlops-app
 * must start on the restored database and serve the same registry.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackupRestoreDrillIT {

    private static final Path SCRIPTS = Repository.SRC_K8S.resolve("backup");
    private static final Duration SCRIPT_DEADLINE = Duration.ofMinutes(2);
    private static final Duration READY_WITHIN = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static DrillDatabase database;
    private static Path backups;
    private static Map<String, String> populated;
    private static String registryBefore;

    @BeforeAll
    static void populate() throws Exception {
        int major = PostgresClient.ensureInstalled();
        Path work = Files.createDirectories(Repository.work("backup-drill"));
        backups = Files.createDirectories(work.resolve("backups"));
        try (var old = Files.list(backups)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        database = DrillDatabase.start(major, work.resolve("pgdata"));
        // inference-app is ready once it has learnt what to serve from mlops-app: it starts second, pointed at it
        try (AppProcess mlops = start("mlops-app", Map.of());
             AppProcess inference = start("inference-app", Map.of("flywheel.mlops.url", mlops.baseUri().toString()))) {
            registryBefore = Registry.populate(mlops.baseUri());
        }
        populated = database.fingerprint();
        assertThat(populated).as("both apps migrated their schemas").containsKeys(
                "mlops.flyway_schema_history", "inference.flyway_schema_history");
    }

    @AfterAll
    static void stop() throws IOException {
        if (database != null) {
            database.close();
        }
    }

    @Test
    @Order(1)
    void aBackupIsAVerifiedDumpWithItsChecksumAndOnlyTheNewestAreKept() throws Exception {
        for (int i = 0; i < 3; i++) {
            backup(Map.of("BACKUP_KEEP", "2"));
            Thread.sleep(1_100); // dump names have a one-second resolution
        }
        List<Path> dumps = dumps();
        assertThat(dumps).hasSize(2);
        for (Path dump : dumps) {
            assertThat(dump.resolveSibling(dump.getFileName() + ".sha256")).exists();
        }
        try (var files = Files.list(backups)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".partial"));
        }
    }

    @Test
    @Order(2)
    void afterTheDatabaseIsLostTheRestoreBringsBackEveryTableAndTheAppsStartOnIt() throws Exception {
        Path dump = dumps().get(0);
        database.admin("DROP DATABASE " + DrillDatabase.DATABASE + " WITH (FORCE)");
        database.admin("CREATE DATABASE " + DrillDatabase.DATABASE);
        assertThat(database.fingerprint()).isEmpty();

        restore(dump).assertSucceeded();

        assertThat(database.fingerprint()).isEqualTo(populated);
        try (AppProcess mlops = start("mlops-app", Map.of())) {
            assertThat(Registry.snapshot(mlops.baseUri())).isEqualTo(registryBefore);
        }
        assertThat(database.fingerprint()).as("starting on it changed nothing (no re-migration)").isEqualTo(populated);
    }

    @Test
    @Order(3)
    void restoringOverChangesMadeAfterTheBackupLeavesExactlyTheBackedUpState() throws Exception {
        Path dump = dumps().get(0);
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE mlops.created_after_backup(id int)");
            statement.execute("DELETE FROM inference.flyway_schema_history");
        }

        restore(dump).assertSucceeded();

        assertThat(database.fingerprint()).isEqualTo(populated);
    }

    @Test
    @Order(4)
    void aCorruptDumpIsRefusedAndTheDatabaseIsLeftUntouched() throws Exception {
        Path good = dumps().get(0);
        Path corrupt = backups.resolve("flywheel-corrupt.dump");
        byte[] bytes = Files.readAllBytes(good);
        for (int i = bytes.length / 2; i < bytes.length / 2 + 64; i++) {
            bytes[i] ^= (byte) 0x5a;
        }
        Files.write(corrupt, bytes);
        Files.writeString(backups.resolve("flywheel-corrupt.dump.sha256"),
                Files.readString(good.resolveSibling(good.getFileName() + ".sha256")).replace(good.getFileName().toString(),
                        corrupt.getFileName().toString()));

        Command result = restore(corrupt);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("checksum mismatch");
        assertThat(database.fingerprint()).isEqualTo(populated);
    }

    private static Command backup(Map<String, String> extra) {
        Map<String, String> environment = new java.util.HashMap<>(database.scriptEnvironment());
        environment.put("BACKUP_DIR", backups.toString());
        environment.putAll(extra);
        Command result = Command.run(SCRIPT_DEADLINE, environment, List.of("sh", SCRIPTS.resolve("backup.sh").toString()))
                .assertSucceeded();
        assertThat(result.output()).contains("backup written: ");
        return result;
    }

    private static Command restore(Path dump) {
        return Command.run(SCRIPT_DEADLINE, database.scriptEnvironment(),
                List.of("sh", SCRIPTS.resolve("restore.sh").toString(), dump.toString()));
    }

    private static List<Path> dumps() throws IOException {
        try (var files = Files.list(backups)) {
            List<Path> dumps = new ArrayList<>(files.filter(p -> p.getFileName().toString().matches("flywheel-\\d.*\\.dump"))
                    .sorted().toList());
            java.util.Collections.reverse(dumps);
            return dumps;
        }
    }

    private static AppProcess start(String app, Map<String, String> settings) {
        Map<String, String> config = new HashMap<>(database.quarkusConfig());
        config.putAll(settings);
        return AppProcess.start(app, Repository.packagedJar(app), AppProcess.freePort(), config,
                Repository.work("it-logs").resolve("drill-" + app + ".log"), READY_WITHIN);
    }

    /** Registry content through mlops-app's own API, where that API exists in this build. */
    static final class Registry {

        private Registry() {
        }

        /** Creates what the API lets us create and returns its view of the registry. */
        static String populate(URI mlops) throws Exception {
            String paths = get(mlops, "/q/openapi?format=json").body();
            if (paths.contains("\"/api/models\"")) {
                post(mlops, "/api/models", "application/json",
                        "{\"name\":\"drill-model\",\"kind\":\"tabular-classifier\",\"description\":\"backup drill\"}");
            }
            if (paths.contains("\"/api/datasets\"")) {
                StringBuilder csv = new StringBuilder("x1,x2,label\n");
                for (int i = 0; i < 60; i++) {
                    csv.append(i).append(',').append(i % 7 * 1.5).append(',').append(i % 2 == 0 ? "yes" : "no").append('\n');
                }
                post(mlops, "/api/datasets?name=drill-data&label=label", "text/csv", csv.toString());
            }
            return snapshot(mlops);
        }

        static String snapshot(URI mlops) throws Exception {
            String paths = get(mlops, "/q/openapi?format=json").body();
            StringBuilder view = new StringBuilder();
            for (String path : List.of("/api/models", "/api/datasets", "/api/deployments")) {
                if (paths.contains("\"" + path + "\"")) {
                    HttpResponse<String> answer = get(mlops, path);
                    view.append(path).append(' ').append(answer.statusCode()).append(' ').append(answer.body()).append('\n');
                }
            }
            return view.toString();
        }

        private static HttpResponse<String> get(URI base, String path) throws IOException, InterruptedException {
            return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        private static void post(URI base, String path, String type, String body) throws IOException, InterruptedException {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(base.resolve(path))
                            .timeout(Duration.ofSeconds(30)).header("Content-Type", type)
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as("POST " + path + ": " + answer.body()).isBetween(200, 201);
        }
    }

}
