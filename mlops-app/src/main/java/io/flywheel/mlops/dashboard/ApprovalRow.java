package io.flywheel.mlops.dashboard;

import io.quarkus.qute.TemplateData;

/**
 * One action waiting in the approval queue.
 *
 * @param humanOnly whether approving it needs an admin who repeats its type in {@code confirm}
 */
@TemplateData
public record ApprovalRow(String id, String type, String tier, String target, String parameters, String reasoning,
                          String predictedImpact, String proposedBy, String createdAt, boolean humanOnly) {
}
