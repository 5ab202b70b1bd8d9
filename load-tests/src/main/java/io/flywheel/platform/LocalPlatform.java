package io.flywheel.platform;

import io.flywheel.testing.AppProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The whole platform on one machine, behind {@code ./flywheel up}: an embedded PostgreSQL, then mlops-app, then
 * inference-app, each from its packaged jar. Ctrl-C (or SIGTERM) stops all of it, apps first, database last.
 * {@code ./flywheel db} starts only the database, for running an app in {@code quarkus:dev}.
 */
public final class LocalPlatform {

    /** What README promises for {@code ./flywheel up} on a quiet machine. */
    private static final Duration READY_WITHIN = Duration.ofSeconds(60);

    private final LocalPlatformConfig config;
    private final Duration readyWithin;
    private final List<AppProcess> apps = new ArrayList<>();
    private LocalDatabase database;

    LocalPlatform(LocalPlatformConfig config) {
        this(config, READY_WITHIN);
    }

    /** A platform whose apps may take this long to become ready (tests on a loaded build machine need minutes). */
    LocalPlatform(LocalPlatformConfig config, Duration readyWithin) {
        this.config = config;
        this.readyWithin = readyWithin;
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "up" : args[0];
        LocalPlatform platform = new LocalPlatform(LocalPlatformConfig.fromEnvironment());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            platform.stop();
            stopped.countDown();
        }, "flywheel-stop"));
        try {
            switch (command) {
                case "up" -> platform.up();
                case "db" -> platform.databaseOnly();
                default -> {
                    System.err.println("usage: LocalPlatform up|db");
                    System.exit(2);
                }
            }
        } catch (RuntimeException e) {
            System.err.println("\nFlywheel did not start: " + e.getMessage());
            System.exit(1);
        }
        stopped.await();
    }

    void up() {
        up(Map.of());
    }

    /** Starts the platform with extra settings for inference-app (e.g. a model file to serve). */
    void up(Map<String, String> inferenceSettings) {
        up(Map.of(), inferenceSettings);
    }

    /** Starts the platform with extra settings for each app (e.g. the algorithms mlops-app trains). */
    void up(Map<String, String> mlopsSettings, Map<String, String> inferenceSettings) {
        Ports.requireFree(config.databasePort(), "FLYWHEEL_DB_PORT");
        Ports.requireFree(config.mlopsPort(), "FLYWHEEL_MLOPS_PORT");
        Ports.requireFree(config.inferencePort(), "FLYWHEEL_INFERENCE_PORT");
        startDatabase();
        AppProcess mlops = startApp("mlops-app", config.mlopsPort(), mlopsSettings);
        Map<String, String> inference = new java.util.HashMap<>(inferenceSettings);
        inference.put("flywheel.mlops.url", mlops.baseUri().toString());
        startApp("inference-app", config.inferencePort(), inference);
        printWelcome();
    }

    void databaseOnly() {
        Ports.requireFree(config.databasePort(), "FLYWHEEL_DB_PORT");
        startDatabase();
        System.out.printf("%nPostgreSQL is up on 127.0.0.1:%d, database '%s' (user postgres, password postgres).%n"
                        + "Run an app against it with: ./mvnw -pl mlops-app quarkus:dev   (Ctrl-C here stops the database)%n",
                database.port(), LocalDatabase.DATABASE);
    }

    synchronized void stop() {
        for (int i = apps.size() - 1; i >= 0; i--) {
            AppProcess app = apps.get(i);
            System.out.println("Stopping " + app.name() + " ...");
            app.stop();
        }
        apps.clear();
        if (database != null) {
            System.out.println("Stopping PostgreSQL ...");
            database.stop();
            database = null;
        }
    }

    private void startDatabase() {
        System.out.printf("Starting PostgreSQL on 127.0.0.1:%d (data in %s) ...%n", config.databasePort(),
                config.home().resolve("pgdata"));
        database = LocalDatabase.start(config.home(), config.databasePort());
    }

    private synchronized AppProcess startApp(String name, int port, Map<String, String> extra) {
        Path jar = config.root().resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        Path log = config.home().resolve("logs").resolve(name + ".log");
        System.out.printf("Starting %s on http://localhost:%d (log: %s) ...%n", name, port, log);
        Map<String, String> settings = new java.util.HashMap<>(database.quarkusConfig());
        settings.putAll(extra);
        AppProcess app = AppProcess.start(name, jar, port, settings, log, readyWithin);
        apps.add(app);
        return app;
    }

    private void printWelcome() {
        int inference = config.inferencePort();
        int mlops = config.mlopsPort();
        System.out.printf("""

                Flywheel is up.
                  Dashboard and registry   http://localhost:%2$d/
                  mlops-app API (OpenAPI)  http://localhost:%2$d/q/openapi
                  inference-app            http://localhost:%1$d/q/health/ready
                  Prometheus metrics       http://localhost:%1$d/q/metrics  and  http://localhost:%2$d/q/metrics

                Try:  curl -s http://localhost:%1$d/q/health/ready
                Logs: %3$s
                Ctrl-C stops everything.
                """, inference, mlops, config.home().resolve("logs"));
    }
}
