package io.flywheel.mlops.agent;

import java.util.Locale;

/** Where an action is in its life: proposed → (awaiting approval →) queued → running → an outcome. */
public enum ActionStatus {
    /** Waits in the approval queue. */
    AWAITING_APPROVAL,
    /** Approved (or auto): waits for an execution slot. */
    QUEUED,
    /** Its executor runs. */
    RUNNING,
    /** Done, with its outcome and metrics. */
    SUCCEEDED,
    /** Tried and failed; the outcome says why. */
    FAILED,
    /** No executor for this action in this deployment; nothing was done. */
    UNAVAILABLE,
    /** An approver refused it; it was escalated. */
    REJECTED;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static ActionStatus of(String label) {
        for (ActionStatus status : values()) {
            if (status.label().equalsIgnoreCase(label)) {
                return status;
            }
        }
        return null;
    }

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == UNAVAILABLE || this == REJECTED;
    }
}
