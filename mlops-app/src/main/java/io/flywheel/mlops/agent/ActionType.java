package io.flywheel.mlops.agent;

/** What the agent (or a person) can ask to be done about an alert; each runs through its {@link ActionExecutor}. */
public enum ActionType {
    /** Write the diagnosis to the log. */
    LOG,
    /** Tell people through the notification channels. */
    NOTIFY,
    /** Add inference replicas (Kubernetes API or a hook). */
    SCALE_OUT,
    /** Clear inference caches (a hook). */
    CLEAR_CACHE,
    /** Run the {@code retrain} job for a model. */
    RETRAIN,
    /** Start a rollout of a version. */
    DEPLOY,
    /** Return a model to its previous Production version. */
    ROLLBACK,
    /** Change a setting. */
    CHANGE_CONFIG,
    /** Delete stored data. */
    DELETE_DATA;

    public String label() {
        return Labels.of(this);
    }

    /** The type of a label such as {@code scale-out}, or {@code null}. */
    public static ActionType of(String label) {
        return Labels.parse(ActionType.class, label, null);
    }
}
