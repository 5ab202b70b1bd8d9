package io.flywheel.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flywheel.testing.AppProcess;
import io.flywheel.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Each CronJob of the generated manifests runs its container's args against the packaged mlops-app jar, exactly as
 * the pod would (same jar, a real database): the app must accept the command (exit 0 = succeeded, 1 = the job ran
 * and failed, e.g. for lack of data). A job the app does not know yet is reported as skipped ("pending"), never as
 * passed; any other usage error (exit 2) fails.
 */
class CronJobCommandsIT {

    private static final Duration DEADLINE = Duration.ofMinutes(3);
    /** What Quarkus logs when it serves HTTP: the app ignored the job command. */
    private static final String SERVER_STARTED = "Listening on: http";
    private static final String NO_COMMAND_MODE =
            "pending: mlops-app has no command mode yet (it started its HTTP server instead of running the job)";

    @TestFactory
    Stream<DynamicTest> everyCronJobCommandIsAcceptedByThePackagedApp() {
        Manifests manifests = Manifests.read(Repository.generatedManifests("mlops-app"));
        List<JsonNode> cronJobs = manifests.ofKind("CronJob");
        assertThat(cronJobs).isNotEmpty();
        return cronJobs.stream().map(cronJob -> DynamicTest.dynamicTest(cronJob.at("/metadata/name").asText(),
                () -> runs(Manifests.texts(Manifests.container(cronJob).path("args")))));
    }

    /** Set once the jar has shown it has no command mode, so the other CronJobs need not start it again. */
    private static volatile boolean noCommandMode;

    private static void runs(List<String> args) {
        String job = args.get(1);
        Assumptions.assumeFalse(noCommandMode, NO_COMMAND_MODE);
        Command result = Command.run(DEADLINE, java.util.Map.of(), command(args), SERVER_STARTED);
        noCommandMode = result.exitCode() == -1;
        Assumptions.assumeFalse(noCommandMode, NO_COMMAND_MODE);

        if (result.exitCode() == 2 && result.output().contains("usage: job <name>")
                && !result.output().contains(jobListing(job))) {
            Assumptions.abort("pending: mlops-app has no job '" + job + "' yet (its usage lists: "
                    + result.output().substring(result.output().indexOf("jobs:")).strip() + ")");
        }
        assertThat(result.exitCode()).as("`%s` must be accepted:%n%s", String.join(" ", args), result.output())
                .isIn(0, 1);
        assertThat(result.output()).contains("job " + job + ": run ");
    }

    private static String jobListing(String job) {
        return " " + job + " (";
    }

    private static List<String> command(List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xmx512m", "-Dquarkus.http.port=" + AppProcess.freePort()));
        TestDatabase.shared().quarkusConfig().forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", Repository.packagedJar("mlops-app").toString()));
        command.addAll(args);
        return command;
    }
}
