package io.flywheel.mlops.dashboard;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** A report source as a drift run or a rollout adds one: two printable reports, listed oldest first. */
@ApplicationScoped
public class PrintedReports implements ReportSource {

    static final ReportLink OLDER = new ReportLink("drift", "drift of wdbc, <Monday>", "2026-12-01T10:00:00Z",
            "/api/drift/reports/older.html");
    static final ReportLink NEWER = new ReportLink("deployment", "rollout of wdbc v2", "2026-12-05T10:00:00Z",
            "/api/rollouts/newer/report.html");

    @Override
    public Uni<List<ReportLink>> reports(int limit) {
        return Uni.createFrom().item(List.of(OLDER, NEWER));
    }
}
