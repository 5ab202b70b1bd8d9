package io.flywheel.mlops.dashboard;

import io.quarkus.qute.TemplateData;

/**
 * One job run on the jobs page.
 *
 * @param progress the run's last reported progress as {@code key: value} pairs
 * @param active   whether it is queued or running
 * @param done     work done, from a progress pair {@code <x>Done}/{@code <x>Total} (e.g. retrain's fits), or {@code null}
 * @param total    the work of that pair in all, or {@code null}
 */
@TemplateData
public record RunRow(String id, String job, String status, String trigger, String triggeredBy, String queuedAt,
                     String duration, String progress, boolean active, Long done, Long total, String outputs,
                     String error) {
}
