package io.flywheel.mlops.dashboard;

import io.quarkus.qute.TemplateData;

/**
 * One job run on the jobs page.
 *
 * @param progress the run's last reported progress as {@code key: value} pairs
 * @param active   whether it is queued or running (drawn with a progress bar)
 */
@TemplateData
public record RunRow(String id, String job, String status, String trigger, String triggeredBy, String queuedAt,
                     String duration, String progress, boolean active, String outputs, String error) {
}
