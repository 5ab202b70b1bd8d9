package io.flywheel.mlops.audit;

import java.util.Map;

/**
 * What happened, as the caller of {@link AuditLog#append} says it; the log adds the time, the position and the hashes.
 *
 * @param actor     who acted: a person ({@code key:<name>}), {@code agent}, {@code job:<name>}, {@code registry}, ...
 * @param trigger   why it happened now: {@code api}, {@code schedule}, {@code alert:<id>}, {@code approval:<id>}, ...
 * @param action    what was done, as a stable verb: {@code model.version.stage}, {@code key.revoke}, ...
 * @param target    what it was done to: {@code model:credit-risk/3}, {@code key:<id>}, ...
 * @param reasoning why, in words, or {@code null}
 * @param approver  who approved it, when it needed approval, or {@code null}
 * @param outcome   how it ended ({@code succeeded}, {@code refused: ...}), or {@code null} when it is still going
 * @param details   the numbers and values behind it, JSON-serialisable; keys are sorted when hashed
 */
public record AuditRecord(String actor, String trigger, String action, String target, String reasoning,
                          String approver, String outcome, Map<String, Object> details) {

    public AuditRecord {
        require(actor, "actor");
        require(trigger, "trigger");
        require(action, "action");
        require(target, "target");
        details = details == null ? Map.of() : details;
    }

    /** A record with no approver and no details. */
    public static AuditRecord of(String actor, String trigger, String action, String target, String reasoning,
                                 String outcome) {
        return new AuditRecord(actor, trigger, action, target, reasoning, null, outcome, Map.of());
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an audit record needs a " + field);
        }
    }
}
