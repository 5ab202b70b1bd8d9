package io.flywheel.mlops.validation;

import com.fasterxml.jackson.core.type.TypeReference;
import io.flywheel.mlops.audit.AuditLog;
import io.flywheel.mlops.audit.AuditRecord;
import io.flywheel.mlops.persistence.StoredJson;
import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.problem.Problem;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import io.flywheel.shared.validation.ValidationReport;
import io.flywheel.shared.validation.ValidationRule;
import io.flywheel.shared.validation.ValidationSuite;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Validation suites as versioned data, and the stored results of running them. A dataset name is checked with the
 * newest suite of the same name; its first snapshot brings a default suite derived from its schema.
 */
@ApplicationScoped
public class ValidationService {

    /** The creator recorded for a suite derived from a schema. */
    public static final String DEFAULT_CREATOR = "default";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final TypeReference<List<ValidationRule>> RULES = new TypeReference<>() {
    };

    private final ValidationSettings settings;
    private final AuditLog audit;

    public ValidationService(ValidationSettings settings, AuditLog audit) {
        this.settings = settings;
        this.audit = audit;
    }

    /** The default suite a schema implies, version 1, named after the dataset. */
    public ValidationSuite defaultSuite(String name, FeatureSchema schema) {
        return ValidationSuite.defaults(name, schema, settings.thresholds());
    }

    /** The newest suite of a name, or {@code null} when there is none yet. Needs a session. */
    public Uni<ValidationSuite> newest(String name) {
        return StoredSuite.<StoredSuite>find("name = ?1 order by version desc", name).firstResult()
                .map(stored -> stored == null ? null : suite(stored));
    }

    /** Stores a suite version; call inside the caller's transaction. */
    public Uni<Void> persist(ValidationSuite suite, String createdBy) {
        StoredSuite stored = new StoredSuite();
        stored.name = suite.name();
        stored.version = suite.version();
        // the list's element type must be given, or Jackson drops the `rule` kind of each element (type erasure)
        stored.rulesJson = StoredJson.write(suite.rules(), RULES);
        stored.createdBy = createdBy;
        stored.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        return stored.persist().replaceWithVoid();
    }

    /** Stores what a suite found in a snapshot; call inside the caller's transaction. */
    public Uni<ValidationView> record(String snapshotId, ValidationReport report, String trigger) {
        StoredValidation stored = new StoredValidation();
        stored.id = UUID.randomUUID();
        stored.snapshotId = snapshotId;
        stored.suiteName = report.suite();
        stored.suiteVersion = report.suiteVersion();
        stored.passed = report.passed();
        stored.failures = report.failures().size();
        stored.reportJson = StoredJson.write(report);
        stored.trigger = trigger;
        stored.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        return stored.<StoredValidation>persist().map(ValidationService::view);
    }

    /** The newest version of every suite. */
    @WithSession
    public Uni<List<SuiteView>> list() {
        return StoredSuite.<StoredSuite>find("from StoredSuite s where s.version = "
                        + "(select max(o.version) from StoredSuite o where o.name = s.name) order by s.name").list()
                .map(suites -> suites.stream().map(ValidationService::view).toList());
    }

    /** Every version of a suite, newest first; 404 when there is none. */
    @WithSession
    public Uni<List<SuiteView>> versions(String name) {
        return StoredSuite.<StoredSuite>find("name = ?1 order by version desc", name).list().map(suites -> {
            if (suites.isEmpty()) {
                throw new ProblemException(ProblemType.NOT_FOUND, "no validation suite named '" + name + "'");
            }
            return suites.stream().map(ValidationService::view).toList();
        });
    }

    /** One version of a suite; 404 when unknown. */
    @WithSession
    public Uni<SuiteView> version(String name, int version) {
        return StoredSuite.<StoredSuite>find("name = ?1 and version = ?2", name, version).firstResult().map(stored -> {
            if (stored == null) {
                throw new ProblemException(ProblemType.NOT_FOUND, "validation suite '" + name + "' has no version "
                        + version);
            }
            return view(stored);
        });
    }

    /** Stores the rules as the suite's next version (1 for a new name). */
    @WithTransaction
    public Uni<SuiteView> publish(String name, SuiteRequest request, String actor) {
        List<ValidationRule> rules = checked(name, request);
        return newest(name).chain(current -> {
            ValidationSuite suite = new ValidationSuite(name, current == null ? 1 : current.version() + 1, rules);
            return persist(suite, actor)
                    .call(() -> audit.append(new AuditRecord(actor, "api", "validation-suite.publish",
                            "validation-suite:" + name + "/" + suite.version(), null, null, "published",
                            Map.of("rules", rules.size()))))
                    .chain(() -> version(name, suite.version()));
        });
    }

    /** Every validation of a snapshot, newest first. */
    @WithSession
    public Uni<List<ValidationView>> results(String snapshotId) {
        return StoredValidation.<StoredValidation>find("snapshotId = ?1 order by createdAt desc", snapshotId).list()
                .map(results -> results.stream().map(ValidationService::view).toList());
    }

    private static List<ValidationRule> checked(String name, SuiteRequest request) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "invalid suite name",
                    List.of(new Problem.FieldError("name", "1 to 100 letters, digits, '.', '_' or '-'")));
        }
        if (request == null || request.rules() == null || request.rules().isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "a suite needs at least one rule",
                    List.of(new Problem.FieldError("rules", "must hold at least one rule")));
        }
        for (int i = 0; i < request.rules().size(); i++) {
            if (request.rules().get(i) == null) {
                throw new ProblemException(ProblemType.INVALID_REQUEST, "rule " + i + " is null",
                        List.of(new Problem.FieldError("rules[" + i + "]", "must be a rule")));
            }
        }
        return request.rules();
    }

    static ValidationSuite suite(StoredSuite stored) {
        return new ValidationSuite(stored.name, stored.version, StoredJson.read(stored.rulesJson, RULES));
    }

    private static SuiteView view(StoredSuite stored) {
        return new SuiteView(stored.name, stored.version, StoredJson.read(stored.rulesJson, RULES), stored.createdBy,
                stored.createdAt);
    }

    static ValidationView view(StoredValidation stored) {
        ValidationReport report = StoredJson.read(stored.reportJson, new TypeReference<>() {
        });
        return new ValidationView(stored.id, stored.snapshotId.trim(), stored.suiteName, stored.suiteVersion,
                stored.passed, report.failures(), report, stored.trigger, stored.createdAt);
    }
}
