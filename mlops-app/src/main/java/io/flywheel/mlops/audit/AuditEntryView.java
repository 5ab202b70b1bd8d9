package io.flywheel.mlops.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.OffsetDateTime;

/** An audit entry as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEntryView(long seq, OffsetDateTime at, String actor, String trigger, String action, String target,
                             String reasoning, String approver, String outcome, @JsonRawValue String details,
                             @JsonProperty("prev_hash") String prevHash, String hash) {

    static AuditEntryView of(AuditEntry entry) {
        return new AuditEntryView(entry.seq, entry.at, entry.actor, entry.trigger, entry.action, entry.target,
                entry.reasoning, entry.approver, entry.outcome, entry.details, entry.prevHash, entry.hash);
    }
}
