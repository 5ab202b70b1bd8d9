package io.flywheel.mlops.audit;

import io.flywheel.shared.hashing.Sha256;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * The hash of an audit entry: sha256 over every field and the previous entry's hash. Each field is written as its UTF-8
 * length, a colon and its bytes (a missing one as {@code -}), so no choice of values can make two entries hash alike.
 */
final class ChainHash {

    /** The previous hash of the first entry. */
    static final String GENESIS = "0".repeat(64);

    private ChainHash() {
    }

    static String of(long seq, Instant at, String actor, String trigger, String action, String target,
                     String reasoning, String approver, String outcome, String details, String prevHash) {
        StringBuilder canonical = new StringBuilder(256);
        for (String field : new String[]{Long.toString(seq), DateTimeFormatter.ISO_INSTANT.format(at), actor, trigger,
                action, target, reasoning, approver, outcome, details, prevHash}) {
            if (field == null) {
                canonical.append('-');
            } else {
                canonical.append(field.getBytes(StandardCharsets.UTF_8).length).append(':').append(field);
            }
        }
        return Sha256.hex(canonical.toString().getBytes(StandardCharsets.UTF_8));
    }

    static String of(AuditEntry entry) {
        return of(entry.seq, entry.at.toInstant(), entry.actor, entry.trigger, entry.action, entry.target,
                entry.reasoning, entry.approver, entry.outcome, entry.details, entry.prevHash);
    }
}
