package io.flywheel.mlops.dashboard;

import io.flywheel.mlops.rollout.RolloutService;
import io.flywheel.mlops.rollout.RolloutView;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The rollouts' printable deployment reports ({@code GET /api/rollouts/{id}/report}) on the reports page. */
@ApplicationScoped
public class RolloutReportSource implements ReportSource {

    private final RolloutService rollouts;

    public RolloutReportSource(RolloutService rollouts) {
        this.rollouts = rollouts;
    }

    @Override
    public Uni<List<ReportLink>> reports(int limit) {
        return rollouts.list(null, null).map(found -> found.stream().limit(limit).map(RolloutReportSource::link)
                .toList());
    }

    /** Dated as an ISO instant, like the drift reports, so that the page sorts both sources on one clock. */
    private static ReportLink link(RolloutView rollout) {
        return new ReportLink("deployment", rollout.strategy() + " rollout of " + rollout.model() + " v"
                + rollout.version() + " (from v" + rollout.stableVersion() + "): " + rollout.status(),
                DateTimeFormatter.ISO_INSTANT.format(rollout.createdAt()), "/api/rollouts/" + rollout.id() + "/report");
    }
}
