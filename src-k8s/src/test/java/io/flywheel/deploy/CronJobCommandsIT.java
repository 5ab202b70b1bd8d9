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
 * and failed, e.g. for lack of data). A job the app does not list in its usage yet is reported as skipped
 * ("pending"), never as passed; any other usage error (exit 2) fails.
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

    /** The jar's answer to a bare {@code job} (its usage and job listing), asked once for all CronJobs. */
    private static Command usage;

    private static void runs(List<String> args) {
        String job = args.get(1);
        if (usage == null) {
            usage = Command.run(DEADLINE, java.util.Map.of(), command(List.of(args.get(0))), SERVER_STARTED);
        }
        Assumptions.assumeFalse(usage.exitCode() == -1, NO_COMMAND_MODE);
        assertThat(usage.exitCode()).as("a bare `job` is a usage error:%n%s", usage.output()).isEqualTo(2);
        assertThat(usage.output()).contains("usage: job <name>", "jobs:");
        // a job the jar does not list is not built yet: no need to start the jar again to be told so
        Assumptions.assumeTrue(usage.output().contains(jobListing(job)), () -> "pending: mlops-app has no job '" + job
                + "' yet (its usage lists: " + usage.output().substring(usage.output().indexOf("jobs:")).strip() + ")");

        Command result = Command.run(DEADLINE, java.util.Map.of(), command(args), SERVER_STARTED);
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
