package io.flywheel.mlops.jobs;

import java.util.List;

/** One page of runs, newest first, with the total that matched. */
public record RunPage(List<JobRunView> runs, int page, int size, long total) {
}
