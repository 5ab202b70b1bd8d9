package io.flywheel.mlops.drift;

import com.fasterxml.jackson.core.type.TypeReference;
import io.flywheel.mlops.audit.AuditLog;
import io.flywheel.mlops.audit.AuditRecord;
import io.flywheel.mlops.persistence.StoredJson;
import io.flywheel.mlops.registry.RegistryQueries;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Stored drift reports: saved with the audit entry of their verdict in one transaction, listed, read. */
@ApplicationScoped
public class DriftReports {

    private final AuditLog audit;
    private final RegistryQueries registry;

    public DriftReports(AuditLog audit, RegistryQueries registry) {
        this.audit = audit;
        this.registry = registry;
    }

    /** Stores a report and its audit entry together. */
    @WithTransaction
    public Uni<Void> save(DriftReportView report, AuditRecord verdict) {
        StoredDriftReport row = new StoredDriftReport();
        row.id = report.id();
        row.model = report.model();
        row.modelVersion = report.version();
        row.runId = report.runId();
        row.createdAt = OffsetDateTime.parse(report.createdAt());
        row.windowFrom = report.windowFrom() == null ? null : OffsetDateTime.parse(report.windowFrom());
        row.windowTo = report.windowTo() == null ? null : OffsetDateTime.parse(report.windowTo());
        row.liveRows = report.liveRows();
        row.verdict = report.verdict();
        row.maxPsi = report.maxPsi();
        row.report = StoredJson.write(report);
        return row.<StoredDriftReport>persist().chain(() -> audit.append(verdict)).replaceWithVoid();
    }

    /** Reports newest first, of one model (404 when the model is unknown) or of all. */
    @WithSession
    public Uni<List<DriftReportSummary>> list(String model, int page, int size) {
        Uni<List<StoredDriftReport>> rows = model == null
                ? StoredDriftReport.<StoredDriftReport>findAll(Sort.descending("createdAt")).page(Page.of(page, size))
                        .list()
                : registry.model(model).chain(() -> StoredDriftReport.<StoredDriftReport>find("model",
                        Sort.descending("createdAt"), model).page(Page.of(page, size)).list());
        return rows.map(found -> found.stream().map(row -> DriftReportSummary.of(read(row))).toList());
    }

    /** One report; 404 when there is none with this id. */
    @WithSession
    public Uni<DriftReportView> get(UUID id) {
        return StoredDriftReport.<StoredDriftReport>findById(id).map(row -> {
            if (row == null) {
                throw new ProblemException(ProblemType.NOT_FOUND, "no drift report " + id);
            }
            return read(row);
        });
    }

    /** The newest report of each model: what {@code flywheel_drift_psi} shows after a restart. */
    @WithSession
    public Uni<List<DriftReportView>> newestPerModel() {
        return StoredDriftReport.<StoredDriftReport>find("from StoredDriftReport d where d.createdAt = "
                + "(select max(r.createdAt) from StoredDriftReport r where r.model = d.model)").list()
                .map(rows -> rows.stream().map(DriftReports::read).toList());
    }

    private static DriftReportView read(StoredDriftReport row) {
        return StoredJson.read(row.report, new TypeReference<>() {
        });
    }
}
