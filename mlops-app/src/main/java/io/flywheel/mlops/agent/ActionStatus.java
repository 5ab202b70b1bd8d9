package io.flywheel.mlops.agent;

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
        return Labels.of(this);
    }

    public static ActionStatus of(String label) {
        return Labels.parse(ActionStatus.class, label, null);
    }
}
