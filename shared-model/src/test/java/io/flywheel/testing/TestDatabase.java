package io.flywheel.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests: one per JVM, on a random port, in a temporary data directory that is deleted
 * when the JVM exits. It can be stopped and started again on the same port to test how the apps live through a
 * database outage.
 */
public final class TestDatabase {

    public static final String DATABASE = "flywheel";
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private static TestDatabase shared;

    private final Path dataDirectory;
    private int port;
    private EmbeddedPostgres server;

    private TestDatabase(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    /** The server of this JVM, started on first use. */
    public static synchronized TestDatabase shared() {
        if (shared == null) {
            try {
                TestDatabase database = new TestDatabase(Files.createTempDirectory("flywheel-test-pg"));
                database.start();
                database.createDatabase();
                Runtime.getRuntime().addShutdownHook(new Thread(database::destroy, "test-database-cleanup"));
                shared = database;
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL for tests", e);
            }
        }
        return shared;
    }

    /** Starts the server (again), on the port it had before if it ran already. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off");
            if (port != 0) {
                builder.setPort(port);
            }
            server = builder.start();
            port = server.getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL on " + dataDirectory, e);
        }
    }

    /** Stops the server, keeping its data, as an outage would. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            server = null;
        }
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return quarkusConfig().get("quarkus.datasource.jdbc.url");
    }

    public String reactiveUrl() {
        return quarkusConfig().get("quarkus.datasource.reactive.url");
    }

    /** A new JDBC connection to the test database, for tests that look at or tamper with tables directly. */
    public Connection connect() throws SQLException {
        return server.getDatabase(USER, DATABASE).getConnection();
    }

    /** The Quarkus configuration that points an app at this database. */
    public Map<String, String> quarkusConfig() {
        return quarkusConfig(DATABASE);
    }

    /**
     * Creates an empty database of that name on this server (for a test that must start from nothing, whatever the
     * tests before it left in the shared one) and returns the Quarkus configuration that points an app at it.
     */
    public Map<String, String> freshDatabase(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the database " + name, e);
        }
        return quarkusConfig(name);
    }

    private Map<String, String> quarkusConfig(String database) {
        return Map.of(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + port + "/" + database,
                "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + port + "/" + database,
                "quarkus.datasource.username", USER,
                "quarkus.datasource.password", PASSWORD);
    }

    private void createDatabase() {
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the test database", e);
        }
    }

    private void destroy() {
        stop();
        try (Stream<Path> paths = Files.walk(dataDirectory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // best effort: the directory is in the system's temporary folder
        }
    }
}
