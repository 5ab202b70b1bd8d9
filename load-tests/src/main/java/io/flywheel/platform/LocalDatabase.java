package io.flywheel.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The quick start's PostgreSQL: a real server unpacked from Maven Central (no install, no Docker), with its data kept
 * in FLYWHEEL_HOME so that the registry survives a restart of the platform.
 */
final class LocalDatabase {

    static final String DATABASE = "flywheel";
    private static final String USER = "postgres";

    private final EmbeddedPostgres server;

    private LocalDatabase(EmbeddedPostgres server) {
        this.server = server;
    }

    static LocalDatabase start(Path home, int port) {
        try {
            Path data = home.resolve("pgdata");
            Path logs = Files.createDirectories(home.resolve("logs"));
            Files.createDirectories(data);
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPort(port)
                    .setServerConfig("max_connections", "200")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logs.resolve("postgres.log").toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logs.resolve("postgres.log").toFile()))
                    .start();
            LocalDatabase database = new LocalDatabase(server);
            database.createIfMissing();
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start (see " + home.resolve("logs/postgres.log") + ")", e);
        }
    }

    int port() {
        return server.getPort();
    }

    Map<String, String> quarkusConfig() {
        return Map.of(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE,
                "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + port() + "/" + DATABASE,
                "quarkus.datasource.username", USER,
                "quarkus.datasource.password", USER);
    }

    void stop() {
        try {
            server.close();
        } catch (IOException e) {
            System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
        }
    }

    private void createIfMissing() {
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet existing = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
            if (!existing.next()) {
                statement.execute("CREATE DATABASE " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the database '" + DATABASE + "'", e);
        }
    }
}
