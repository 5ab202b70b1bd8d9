package io.flywheel.mlops.dashboard;

import io.quarkus.qute.TemplateData;

/**
 * The audit chain's verification, as the audit page shows it.
 *
 * @param brokenSeq    the first entry that does not check out, or {@code null}
 * @param brokenReason why, or {@code null}
 */
@TemplateData
public record ChainStatus(boolean intact, long entries, String lastHash, Long brokenSeq, String brokenReason) {
}
