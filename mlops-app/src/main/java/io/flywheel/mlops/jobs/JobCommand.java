package io.flywheel.mlops.jobs;

import io.flywheel.shared.problem.Problem.FieldError;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import io.quarkus.runtime.QuarkusApplication;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The command mode: {@code java -jar quarkus-run.jar job <name> [key=value ...]} runs one job once, in this process,
 * and exits 0 when the run succeeded, 1 when it failed (or could not start: another run holds the lock), 2 for a
 * usage error (unknown job, bad parameters). This is how the Kubernetes CronJobs run jobs.
 */
public class JobCommand implements QuarkusApplication {

    /** The first argument of the command mode. */
    public static final String COMMAND = "job";
    static final int SUCCEEDED = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private final JobCatalog catalog;
    private final JobRunner runner;
    private final PrintStream out = System.out;

    JobCommand(JobCatalog catalog, JobRunner runner) {
        this.catalog = catalog;
        this.runner = runner;
    }

    @Override
    public int run(String... args) {
        if (args.length < 2 || !COMMAND.equals(args[0])) {
            return usage("expected: job <name>");
        }
        String name = args[1];
        if (catalog.find(name).isEmpty()) {
            return usage("unknown job '" + name + "'");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            if (equals < 1) {
                return usage("parameters are key=value, not '" + args[i] + "'");
            }
            parameters.put(args[i].substring(0, equals), args[i].substring(equals + 1));
        }
        return run(name, parameters);
    }

    private int run(String name, Map<String, String> parameters) {
        JobRunner.Admission admission;
        try {
            admission = runner.await(() -> runner.admit(name, parameters, JobTrigger.command()));
        } catch (ProblemException refused) {
            if (refused.problem().status() == ProblemType.INVALID_REQUEST.status()) {
                return usage(refused.getMessage() + ": " + refused.problem().errors().stream()
                        .map(JobCommand::describe).collect(Collectors.joining("; ")));
            }
            out.println("job " + name + ": not run: " + refused.getMessage());
            return FAILED;
        }
        out.println("job " + name + ": run " + admission.run().id + " started");
        JobRunView run = runner.execute(admission);
        if (run.status() == RunStatus.SUCCEEDED) {
            out.println("job " + name + ": run " + run.id() + " succeeded in " + run.durationMs() + " ms: "
                    + run.outputs());
            return SUCCEEDED;
        }
        out.println("job " + name + ": run " + run.id() + " failed: " + run.error());
        return FAILED;
    }

    private static String describe(FieldError error) {
        return error.field() + " " + error.message();
    }

    private int usage(String problem) {
        PrintStream err = System.err;
        err.println(problem);
        err.println("usage: job <name> [key=value ...]");
        err.println("jobs:");
        catalog.all().forEach(job -> {
            err.println(" " + job.name() + " (" + job.description() + ")");
            job.parameters().forEach((parameter, meaning) -> err.println("     " + parameter + "=<value>  " + meaning));
        });
        return USAGE;
    }
}
