package io.flywheel.mlops.jobs;

import java.util.Map;

/** The (optional) body of {@code POST /api/jobs/{name}/runs}: the run's parameters. */
public record RunRequest(Map<String, String> parameters) {
}
