package io.flywheel.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.flywheel.testing.AppProcess;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README's run command, for real: {@code ./flywheel up}, readiness of both apps, then Ctrl-C. */
class QuickStartIT {

    private static final Path ROOT = Path.of(System.getProperty("flywheel.root", "..")).toAbsolutePath().normalize();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    @Test
    void upBringsBothAppsAndTheirDatabaseToReadyWithinAMinuteAndCtrlCLeavesNothingBehind(@TempDir Path home)
            throws Exception {
        int inference = AppProcess.freePort();
        int mlops = AppProcess.freePort();
        int database = AppProcess.freePort();
        ProcessBuilder builder = new ProcessBuilder("bash", ROOT.resolve("flywheel").toString(), "up")
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("launcher.log").toFile());
        builder.environment().putAll(java.util.Map.of(
                "FLYWHEEL_HOME", home.toString(),
                "FLYWHEEL_INFERENCE_PORT", String.valueOf(inference),
                "FLYWHEEL_MLOPS_PORT", String.valueOf(mlops),
                "FLYWHEEL_DB_PORT", String.valueOf(database)));

        Instant started = Instant.now();
        Process launcher = builder.start();
        try {
            awaitReady(mlops, launcher, home);
            awaitReady(inference, launcher, home);
            assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(60));
            // the launcher polls readiness itself, so its banner may follow the apps' readiness by a poll interval
            awaitLog(home.resolve("launcher.log"), "Flywheel is up.", Duration.ofSeconds(15));

            // the two app JVMs are the launcher's children; PostgreSQL's postmaster detaches, so find it by its pid file
            List<ProcessHandle> startedProcesses = new java.util.ArrayList<>(launcher.descendants().toList());
            assertThat(startedProcesses).hasSizeGreaterThanOrEqualTo(2);
            startedProcesses.add(postmaster(home));
            assertThat(startedProcesses).allMatch(QuickStartIT::running);

            interrupt(launcher);

            boolean stopped = launcher.waitFor(90, TimeUnit.SECONDS);
            assertThat(stopped).as("launcher stopped within 90 s%n%s", logs(home)).isTrue();
            assertThat(startedProcesses).noneMatch(QuickStartIT::running);
            assertThat(List.of(inference, mlops, database)).noneMatch(QuickStartIT::listening);
        } finally {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
    }

    private void awaitReady(int port, Process launcher, Path home) throws Exception {
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline) && launcher.isAlive()) {
            try {
                HttpResponse<String> response = http.send(ready, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("port " + port + " never became ready:\n" + Files.readString(home.resolve("launcher.log")));
    }

    private static void awaitLog(Path log, String text, Duration within) throws Exception {
        Instant deadline = Instant.now().plus(within);
        while (!Files.readString(log).contains(text) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertThat(Files.readString(log)).contains(text);
    }

    /** The launcher's output and the end of each app's log, to tell from a failed run what hung. */
    private static String logs(Path home) throws IOException {
        StringBuilder all = new StringBuilder("--- launcher.log\n").append(Files.readString(home.resolve("launcher.log")));
        for (String app : List.of("mlops-app", "inference-app")) {
            Path log = home.resolve("logs").resolve(app + ".log");
            if (Files.exists(log)) {
                List<String> lines = Files.readAllLines(log);
                all.append("--- ").append(app).append(".log (last 40 lines)\n")
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())))
                        .append('\n');
            }
        }
        return all.toString();
    }

    private static ProcessHandle postmaster(Path home) throws IOException {
        long pid = Long.parseLong(Files.readAllLines(home.resolve("pgdata/postmaster.pid")).get(0).trim());
        return ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("postmaster " + pid + " is not running"));
    }

    /** What Ctrl-C does to the launcher: SIGINT. */
    private static void interrupt(Process process) throws Exception {
        new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).inheritIO().start().waitFor();
    }

    /** Alive and not a zombie: a detached postmaster that exited may linger unreaped in a container without init. */
    private static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException gone) {
            return false;
        }
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
