package io.flywheel.mlops;

import io.flywheel.mlops.jobs.JobCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts mlops-app: the HTTP server when started without arguments (Kubernetes Deployment, {@code ./flywheel up},
 * {@code quarkus:dev}); the command mode of {@link JobCommand} with arguments ({@code job <name>}, as the
 * Kubernetes CronJobs do), which runs one job without opening the HTTP port, starting the app's own cron or seeding
 * the knowledge base.
 */
@QuarkusMain
public final class MlopsMain {

    private MlopsMain() {
    }

    public static void main(String... args) {
        if (args.length == 0) {
            Quarkus.run(args);
            return;
        }
        // runtime settings, read by Quarkus when it starts below
        System.setProperty("quarkus.http.host-enabled", "false");
        System.setProperty("flywheel.jobs.cron-enabled", "false");
        // seeding a fresh platform is the server's: a one-job process would submit it at start and exit in its middle
        System.setProperty("flywheel.reindex.seed-corpus", "false");
        Quarkus.run(JobCommand.class, args);
    }
}
