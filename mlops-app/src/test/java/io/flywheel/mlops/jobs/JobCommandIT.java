package io.flywheel.mlops.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.flywheel.mlops.PackagedMlops;
import io.flywheel.mlops.PackagedMlops.Run;
import io.flywheel.mlops.registry.TestArtifacts;
import io.flywheel.shared.hashing.Sha256;
import io.flywheel.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The command mode of the packaged jar, as the Kubernetes CronJobs run it: {@code job <name> [key=value ...]} runs
 * one job and exits 0 (succeeded), 1 (failed, or not run because another run holds the lock) or 2 (usage), without
 * opening the HTTP port.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JobCommandIT {

    private static final String VERIFY = "registry-verify";
    private static final String SERVER_STARTED = "Listening on: http";

    /** The usage run, which also migrated the schema (every start does). */
    private static Run usage;

    @BeforeAll
    static void aRegistryWithOneStoredVersion() throws Exception {
        usage = PackagedMlops.command("job");
        byte[] artifact = TestArtifacts.tabular(41);
        try (Connection connection = TestDatabase.shared().connect(); Statement sql = connection.createStatement()) {
            sql.executeUpdate("INSERT INTO mlops.registered_model VALUES ('scrubbed', 'tabular-classifier', '', now(), "
                    + "'test')");
            UUID id = UUID.randomUUID();
            try (PreparedStatement version = connection.prepareStatement("INSERT INTO mlops.model_version (id, model, "
                    + "version, description, sha256, size_bytes, metrics, params, code_version, created_by, "
                    + "created_through, created_at, stage, stage_changed_at) VALUES (?, 'scrubbed', 1, '', ?, ?, '{}', "
                    + "'{}', 'test', 'test', 'test', now(), 'None', now())");
                 PreparedStatement bytes = connection.prepareStatement("INSERT INTO mlops.model_artifact VALUES (?, ?)")) {
                version.setObject(1, id);
                version.setString(2, Sha256.hex(artifact));
                version.setLong(3, artifact.length);
                version.executeUpdate();
                bytes.setObject(1, id);
                bytes.setBytes(2, artifact);
                bytes.executeUpdate();
            }
        }
    }

    @Test
    @Order(1)
    void withoutAJobNameItPrintsTheUsageAndEveryJobAndExits2() {
        assertThat(usage.exitCode()).as(usage.output()).isEqualTo(2);
        assertThat(usage.output()).contains("usage: job <name>", "jobs:",
                " " + VERIFY + " (read every stored artifact back and check it against its recorded sha256)")
                .doesNotContain(SERVER_STARTED);
    }

    @Test
    @Order(2)
    void anUnknownJobOrParameterIsAUsageError() {
        // two processes at once: each is mostly a JVM start, and both are refused before any job runs
        CompletableFuture<Run> unknownRun = CompletableFuture.supplyAsync(() -> PackagedMlops.command("job",
                "no-such-job"));
        Run badValue = PackagedMlops.command("job", VERIFY, "max-bytes-per-second=fast");
        Run unknown = unknownRun.join();

        assertThat(unknown.exitCode()).as(unknown.output()).isEqualTo(2);
        assertThat(unknown.output()).contains("unknown job 'no-such-job'", "usage: job <name>");
        assertThat(badValue.exitCode()).as(badValue.output()).isEqualTo(2);
        assertThat(badValue.output()).contains("parameters.max-bytes-per-second");
    }

    @Test
    @Order(3)
    void aJobRunsOnceRecordsItsRunAndExits0() throws Exception {
        Run run = PackagedMlops.command("job", VERIFY, "model=scrubbed");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("job " + VERIFY + ": run ", " succeeded in ", "\"checked\":1")
                .doesNotContain(SERVER_STARTED);
        try (Connection connection = TestDatabase.shared().connect(); Statement sql = connection.createStatement();
             ResultSet last = sql.executeQuery("SELECT status, trigger FROM mlops.job_run WHERE job = '" + VERIFY
                     + "' ORDER BY queued_at DESC LIMIT 1")) {
            assertThat(last.next()).isTrue();
            assertThat(last.getString("status")).isEqualTo("succeeded");
            assertThat(last.getString("trigger")).isEqualTo("command");
        }
    }

    @Test
    @Order(4)
    void aRunThatCannotTakeTheLockExits1() throws Exception {
        try (Connection otherPod = TestDatabase.shared().connect(); Statement sql = otherPod.createStatement()) {
            sql.execute("SELECT pg_advisory_lock(" + JobLocks.NAMESPACE + ", " + JobLocks.key(VERIFY) + ")");

            Run run = PackagedMlops.command("job", VERIFY, "model=scrubbed");

            assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
            assertThat(run.output()).contains("job " + VERIFY + ": not run: ", "running already");
        }
    }

    @Test
    @Order(5)
    void aRunThatFailsExits1WithItsError() throws Exception {
        try (Connection connection = TestDatabase.shared().connect(); Statement sql = connection.createStatement()) {
            // storage corruption: bypass the registry's immutability triggers as only a superuser can
            sql.execute("SET session_replication_role = replica");
            sql.executeUpdate("UPDATE mlops.model_artifact SET bytes = bytes || '\\x00'::bytea");
        }

        Run run = PackagedMlops.command("job", VERIFY, "model=scrubbed");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("job " + VERIFY + ": run ", " failed: 1 artifact(s) differ from their "
                + "recorded sha256: scrubbed v1");
    }
}
