package io.flywheel.mlops.cycle;

import java.time.OffsetDateTime;

/**
 * One moment of a model's cycle, as {@code GET /api/models/{name}/timeline} lists it (the dashboard reads this shape:
 * fields are only ever added).
 *
 * @param at      when it happened
 * @param source  the record it comes from: {@code job-run}, {@code registry}, {@code rollout}, {@code alert},
 *                {@code action}
 * @param kind    what happened, e.g. {@code retrain.succeeded}, {@code version.stage-changed}, {@code rollout.analysis}
 * @param summary one line for a person
 * @param ref     the record, e.g. {@code job-run:<id>}, {@code rollout:<id>}, {@code alert:<id>}
 */
public record TimelineEntry(OffsetDateTime at, String source, String kind, String summary, String ref) {
}
