package io.flywheel.mlops.dashboard;

import io.quarkus.qute.TemplateData;

/** One audit entry on the audit page. */
@TemplateData
public record AuditRow(long seq, String at, String actor, String trigger, String action, String target,
                       String reasoning, String approver, String outcome, String hash) {
}
