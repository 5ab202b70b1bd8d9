package io.flywheel.mlops.agent;

import java.util.Locale;

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
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The type of a label such as {@code scale-out}, or {@code null}. */
    public static ActionType of(String label) {
        if (label == null) {
            return null;
        }
        for (ActionType type : values()) {
            if (type.label().equalsIgnoreCase(label.trim())) {
                return type;
            }
        }
        return null;
    }
}
