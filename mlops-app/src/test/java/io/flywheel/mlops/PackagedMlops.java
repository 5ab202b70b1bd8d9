package io.flywheel.mlops;

import io.flywheel.testing.AppProcess;
import io.flywheel.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** This module's packaged jar, for the tests that start it as production does: as a server, or in command mode. */
public final class PackagedMlops {

    public static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final Duration READY_WITHIN = Duration.ofMinutes(3);

    private PackagedMlops() {
    }

    /**
     * The test database, and no knowledge seeding at start: on a fresh database the packaged app (prod profile) seeds
     * the knowledge base, about two minutes of CPU in the background of tests that are not about it, and which test's app did
     * it on the shared database depended on their order. {@code KnowledgeBootstrapIT} turns it on.
     */
    public static Map<String, String> sharedDatabaseConfig() {
        Map<String, String> config = new HashMap<>(TestDatabase.shared().quarkusConfig());
        config.put("flywheel.reindex.seed-corpus", "false");
        return config;
    }

    /** The app as a server on the test database ({@link #sharedDatabaseConfig}), ready. */
    public static AppProcess start(String logName) {
        return start(logName, AppProcess.freePort(), Map.of());
    }

    /** The app as a server on the test database and this port, with extra settings, ready. */
    public static AppProcess start(String logName, int port, Map<String, String> settings) {
        Map<String, String> config = sharedDatabaseConfig();
        config.putAll(settings);
        return AppProcess.start("mlops-app", JAR, port, config, Path.of("target", "it-logs", logName + ".log"),
                READY_WITHIN);
    }

    /** Runs {@code java -jar quarkus-run.jar <args>} on the test database to its end (3 minutes at most). */
    public static Run command(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:+UseSerialGC", "-Xmx512m", "-Dquarkus.http.port=" + AppProcess.freePort()));
        sharedDatabaseConfig().forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        try {
            Path output = Files.createTempFile("mlops-command", ".log");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                        .start();
                if (!process.waitFor(READY_WITHIN.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new AssertionError(String.join(" ", args) + " did not end within " + READY_WITHIN + ":\n"
                            + Files.readString(output, StandardCharsets.UTF_8));
                }
                return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** How a command ended: its exit code and everything it printed. */
    public record Run(int exitCode, String output) {
    }
}
