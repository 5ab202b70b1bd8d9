package io.flywheel.mlops.agent;

/** Who must agree before an action runs. */
public enum Tier {
    /** Runs at once; audited and notified. */
    AUTO,
    /** Waits in the approval queue for an approver. */
    APPROVAL,
    /** Waits for an admin who confirms it explicitly; the agent never runs it by itself. */
    HUMAN_ONLY;

    public String label() {
        return Labels.of(this);
    }
}
