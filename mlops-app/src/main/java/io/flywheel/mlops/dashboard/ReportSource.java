package io.flywheel.mlops.dashboard;

import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * Something that produces printable reports (a drift run, a rollout). Each is a CDI bean; the reports page lists
 * what every source has, newest first, so that a capability lists its reports by adding one bean.
 */
public interface ReportSource {

    /** The newest reports of this source, at most {@code limit}. */
    Uni<List<ReportLink>> reports(int limit);
}
