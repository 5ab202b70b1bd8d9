package io.flywheel.mlops.validation;

import io.flywheel.mlops.alerts.PlatformAlert;
import io.flywheel.mlops.audit.AuditLog;
import io.flywheel.mlops.audit.AuditRecord;
import io.flywheel.mlops.data.DatasetService;
import io.flywheel.mlops.persistence.Awaited;
import io.flywheel.mlops.registry.Attribution;
import io.flywheel.shared.validation.RuleResult;
import io.flywheel.shared.validation.ValidationReport;
import io.flywheel.shared.validation.ValidationSuite;
import io.quarkus.hibernate.reactive.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Validates a loaded snapshot before training: runs the dataset's newest suite, stores the report with what ran it
 * (and its audit entry, in one transaction), and raises a {@link PlatformAlert} when a rule fails.
 */
@ApplicationScoped
public class DatasetValidation {

    /** Rule failures quoted in an alert's summary; the details carry them all. */
    static final int FAILURES_IN_SUMMARY = 3;
    private static final Logger LOG = Logger.getLogger(DatasetValidation.class);

    private final ValidationService suites;
    private final AuditLog audit;
    private final Event<PlatformAlert> alerts;

    public DatasetValidation(ValidationService suites, AuditLog audit, Event<PlatformAlert> alerts) {
        this.suites = suites;
        this.audit = audit;
        this.alerts = alerts;
    }

    /**
     * Checks a snapshot with its dataset's newest suite (the default one when none is stored) on this worker thread.
     *
     * @param by    who and what runs it (the trigger, e.g. {@code job retrain run <id>}, is stored with the report)
     * @param model the model it is meant to train, named in an alert
     */
    public ValidationReport check(DatasetService.Loaded loaded, Attribution by, String model) {
        String dataset = loaded.snapshot().name;
        ValidationSuite stored = Awaited.result(() -> Panache.withSession(() -> suites.newest(dataset)));
        ValidationSuite suite = stored != null ? stored : suites.defaultSuite(dataset, loaded.schema());
        ValidationReport report = suite.run(loaded.table());
        String snapshot = loaded.snapshot().id;
        Awaited.result(() -> Panache.withTransaction(() -> (stored == null
                ? suites.persist(suite, ValidationService.DEFAULT_CREATOR) : io.smallrye.mutiny.Uni.createFrom().voidItem())
                .chain(() -> suites.record(snapshot, report, by.trigger()))
                .call(() -> audit.append(new AuditRecord(by.actor(), by.trigger(), "dataset.validate",
                        "dataset:" + dataset + "/" + snapshot, by.reason(),
                        null, report.passed() ? "passed" : "failed: " + summary(report),
                        Map.of("suite", report.suite(), "suite_version", report.suiteVersion(),
                                "failures", report.failures().size()))))));
        if (!report.passed()) {
            LOG.warnf("dataset %s, snapshot %s: validation failed: %s", dataset, snapshot, summary(report));
            alerts.fireAsync(alert(dataset, snapshot, model, report));
        }
        return report;
    }

    /** The failed rules in one line: rule, column, offending count, what was expected. */
    public static String summary(ValidationReport report) {
        return report.failures().stream().map(DatasetValidation::describe).collect(Collectors.joining("; "));
    }

    private static String describe(RuleResult failure) {
        return failure.rule() + (failure.column() == null ? "" : " on `" + failure.column() + "`") + ": "
                + failure.offending() + " of " + failure.total() + " (" + failure.observed() + ", expected "
                + failure.expected() + ")";
    }

    private static PlatformAlert alert(String dataset, String snapshot, String model, ValidationReport report) {
        List<RuleResult> failures = report.failures();
        String shown = failures.stream().limit(FAILURES_IN_SUMMARY).map(DatasetValidation::describe)
                .collect(Collectors.joining("; "));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("dataset", dataset);
        details.put("snapshot", snapshot);
        details.put("suite", report.suite());
        details.put("suite_version", report.suiteVersion());
        details.put("failures", failures);
        return new PlatformAlert("validation", "data-validation", "critical", model, "dataset " + dataset
                + " failed validation (" + failures.size() + " rule(s)): " + shown
                + (failures.size() > FAILURES_IN_SUMMARY ? "; ..." : ""), details);
    }
}
