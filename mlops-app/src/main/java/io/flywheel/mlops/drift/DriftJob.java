package io.flywheel.mlops.drift;

import io.flywheel.mlops.jobs.Job;
import io.flywheel.mlops.jobs.JobContext;
import io.flywheel.mlops.predictions.LiveWindow;
import io.flywheel.mlops.registry.RegistryQueries;
import io.flywheel.shared.deployment.ModelKind;
import io.flywheel.shared.problem.Problem.FieldError;
import io.flywheel.shared.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * {@code drift}: for each Production tabular model (or the one named), the live window of its logged predictions
 * against its training reference — a stored report per model, alerts when a threshold breaks. One model that cannot
 * be measured is reported in the outputs and does not stop the others.
 */
@ApplicationScoped
public class DriftJob implements Job {

    public static final String NAME = "drift";
    private static final Logger LOG = Logger.getLogger(DriftJob.class);

    private final DriftService drift;
    private final DriftSettings settings;
    private final RegistryQueries queries;

    public DriftJob(DriftService drift, DriftSettings settings, RegistryQueries queries) {
        this.drift = drift;
        this.settings = settings;
        this.queries = queries;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "PSI/KL of each Production model's live window against its training reference; anomalies";
    }

    /** Hourly, on the hour, as the Kubernetes CronJob mlops-job-drift (which replaces the app's own cron there). */
    @Override
    public Optional<String> defaultCron() {
        return Optional.of("0 * * * *");
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of("model", "measure this model only (default: every tabular model in Production)",
                "hours", "the window: predictions of the last N hours (default flywheel.drift.window-hours)",
                "rows", "the window: the newest N predictions");
    }

    @Override
    public List<FieldError> validate(Map<String, String> parameters) {
        List<FieldError> errors = new ArrayList<>(LiveWindow.check(parameters.get("hours"), parameters.get("rows"),
                "parameters."));
        if (parameters.containsKey("model") && parameters.get("model").isBlank()) {
            errors.add(new FieldError("parameters.model", "must not be blank"));
        }
        return errors;
    }

    @Override
    public Map<String, Object> run(JobContext context) throws Exception {
        LiveWindow window = LiveWindow.parse(context.parameters().get("hours"), context.parameters().get("rows"),
                "parameters.", defaultWindow());
        List<String> models = context.await(() -> queries.inProduction(ModelKind.TABULAR_CLASSIFIER,
                context.parameters().get("model")));
        List<Map<String, Object>> measured = new ArrayList<>();
        for (String model : models) {
            if (context.stopping()) {
                break;
            }
            context.progress(Map.of("model", model, "window", window.describe()));
            measured.add(measureOne(context, model, window));
        }
        return Map.of("window", window.describe(), "models", measured.size(), "reports", measured);
    }

    private Map<String, Object> measureOne(JobContext context, String model, LiveWindow window) throws Exception {
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("model", model);
        try {
            DriftReportView report = drift.measure(model, window, context.runId(),
                    context.attribution("drift over the " + window));
            outcome.putAll(report.outline());
        } catch (ProblemException e) {
            if (context.parameters().containsKey("model")) {
                throw e;
            }
            LOG.warnf("job %s: %s not measured: %s", NAME, model, e.getMessage());
            outcome.put("error", e.getMessage());
        }
        return outcome;
    }

    /** {@code flywheel.drift.window-rows} when set, else {@code window-hours}. */
    private LiveWindow defaultWindow() {
        return settings.windowRows().isPresent() ? LiveWindow.ofRows(settings.windowRows().getAsInt())
                : LiveWindow.ofHours(settings.windowHours());
    }
}
