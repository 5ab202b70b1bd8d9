package io.flywheel.mlops.jobs;

import io.flywheel.shared.problem.Problem.FieldError;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The jobs of this app (every {@link Job} bean) by name, and their schedules from configuration. */
@ApplicationScoped
public class JobCatalog {

    /** The cron value that runs a job only on demand. */
    public static final String OFF = "off";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    private final Map<String, Job> jobs = new TreeMap<>();
    private final JobsConfig config;

    JobCatalog(Instance<Job> beans, JobsConfig config) {
        this.config = config;
        for (Job job : beans) {
            if (!NAME.matcher(job.name()).matches()) {
                throw new IllegalStateException("job name '" + job.name() + "' of " + job.getClass().getName()
                        + " must match " + NAME.pattern());
            }
            if (jobs.putIfAbsent(job.name(), job) != null) {
                throw new IllegalStateException("two jobs are named '" + job.name() + "'");
            }
        }
    }

    /** Every job, by name. */
    public Collection<Job> all() {
        return jobs.values();
    }

    public Optional<Job> find(String name) {
        return Optional.ofNullable(name == null ? null : jobs.get(name));
    }

    /** The job of that name; 404 when there is none. */
    public Job get(String name) {
        return find(name).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "no job named '" + name
                + "'; jobs: " + String.join(", ", jobs.keySet())));
    }

    /** The cron the app runs the job on, or empty (on demand only). */
    public Optional<String> cron(Job job) {
        Optional<String> configured = Optional.ofNullable(config.job().get(job.name()))
                .flatMap(JobsConfig.JobSettings::cron);
        return configured.or(job::defaultCron).map(String::trim).filter(cron -> !OFF.equalsIgnoreCase(cron));
    }

    /** Refuses parameters the job does not declare, and values it says are wrong; 422 naming each. */
    public void checkParameters(Job job, Map<String, String> parameters) {
        List<FieldError> errors = new ArrayList<>();
        parameters.forEach((name, value) -> {
            if (!job.parameters().containsKey(name)) {
                errors.add(new FieldError("parameters." + name, "job " + job.name() + " takes "
                        + (job.parameters().isEmpty() ? "no parameters" : "only " + String.join(", ",
                        new TreeMap<>(job.parameters()).keySet()))));
            } else if (value == null) {
                errors.add(new FieldError("parameters." + name, "needs a value"));
            }
        });
        if (errors.isEmpty()) {
            errors.addAll(job.validate(parameters));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "the parameters of job " + job.name()
                    + " are invalid", errors);
        }
    }
}
