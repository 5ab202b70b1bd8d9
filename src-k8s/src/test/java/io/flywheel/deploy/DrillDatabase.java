package io.flywheel.deploy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipFile;

/**
 * A PostgreSQL server for the backup drill whose major version matches the machine's pg_dump (pg_dump refuses a newer
 * server): 17 from the test kit's binaries, 15 and 16 from the binaries the build copies into target/drill-postgres/
 * (Debian 12 ships pg_dump 15, Ubuntu 24.04 ships 16). Production pairs them the same way: the backup CronJob uses
 * the server's own image version.
 */
final class DrillDatabase implements AutoCloseable {

    static final String DATABASE = "flywheel";
    static final String USER = "postgres";
    private static final int CLASSPATH_MAJOR = 17;

    private final EmbeddedPostgres server;

    private DrillDatabase(EmbeddedPostgres server) {
        this.server = server;
    }

    static DrillDatabase start(int major, Path dataDirectory) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(true)
                .setServerConfig("fsync", "off");
        if (major != CLASSPATH_MAJOR) {
            Path jar = binariesOf(major);
            builder.setPgBinaryResolver((system, architecture) -> archive(jar, system, architecture));
        }
        DrillDatabase database = new DrillDatabase(builder.start());
        database.admin("CREATE DATABASE " + DATABASE);
        return database;
    }

    String libpqUrl() {
        return "postgresql://127.0.0.1:" + server.getPort() + "/" + DATABASE;
    }

    Map<String, String> quarkusConfig() {
        return Map.of(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/" + DATABASE,
                "quarkus.datasource.reactive.url", libpqUrl(),
                "quarkus.datasource.username", USER,
                "quarkus.datasource.password", USER);
    }

    /** What the backup scripts read: the Secret's reactive-url, username and password. */
    Map<String, String> scriptEnvironment() {
        return Map.of("DATABASE_URL", libpqUrl(), "PGUSER", USER, "PGPASSWORD", USER);
    }

    Connection connect() throws SQLException {
        return server.getDatabase(USER, DATABASE).getConnection();
    }

    /** Runs a statement against the maintenance database (to drop or create the Flywheel database). */
    void admin(String sql) {
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /**
     * Every table of Flywheel's schemas with its row count and a digest of all its rows, in a stable order: two
     * equal fingerprints mean the same data, byte for byte as PostgreSQL prints it.
     */
    Map<String, String> fingerprint() throws SQLException {
        Map<String, String> tables = new TreeMap<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            try (ResultSet names = statement.executeQuery("SELECT schemaname || '.' || tablename FROM pg_tables"
                    + " WHERE schemaname IN ('mlops', 'inference') ORDER BY 1")) {
                while (names.next()) {
                    tables.put(names.getString(1), "");
                }
            }
            for (String table : tables.keySet()) {
                try (ResultSet digest = statement.executeQuery("SELECT count(*) || ' rows, md5 ' || md5(coalesce("
                        + "string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM " + table + " t")) {
                    digest.next();
                    tables.put(table, digest.getString(1));
                }
            }
        }
        return tables;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private static Path binariesOf(int major) {
        try (var jars = Files.list(Repository.work("drill-postgres"))) {
            return jars.filter(jar -> jar.getFileName().toString().matches(".*-" + major + "\\.\\d+\\.\\d+\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no PostgreSQL " + major
                            + " binaries for the drill in target/drill-postgres (pg_dump " + major + " is installed)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream archive(Path jar, String system, String architecture) throws IOException {
        ZipFile zip = new ZipFile(jar.toFile());
        var entry = zip.getEntry("postgres-" + system.toLowerCase(java.util.Locale.ROOT) + "-" + architecture + ".txz");
        if (entry == null) {
            zip.close();
            throw new IOException("no binaries for " + system + "/" + architecture + " in " + jar);
        }
        return new java.io.FilterInputStream(zip.getInputStream(entry)) {
            @Override
            public void close() throws IOException {
                super.close();
                zip.close();
            }
        };
    }
}
