package io.flywheel.mlops.dashboard;

import io.flywheel.mlops.drift.DriftReportSummary;
import io.flywheel.mlops.drift.DriftReports;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;

/** The drift runs' printable reports ({@code GET /api/drift/reports/{id}.html}) on the reports page. */
@ApplicationScoped
public class DriftReportSource implements ReportSource {

    private final DriftReports reports;

    public DriftReportSource(DriftReports reports) {
        this.reports = reports;
    }

    @Override
    public Uni<List<ReportLink>> reports(int limit) {
        return reports.list(null, 0, limit).map(found -> found.stream().map(DriftReportSource::link).toList());
    }

    private static ReportLink link(DriftReportSummary report) {
        String psi = report.maxPsi() == null ? "" : String.format(Locale.ROOT, ", max PSI %.3f", report.maxPsi());
        return new ReportLink("drift", "drift of " + report.model() + " v" + report.version() + ": "
                + report.verdict() + psi, report.createdAt(), "/api/drift/reports/" + report.id() + ".html");
    }
}
