package io.flywheel.mlops.jobs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a run is: {@code queued → running → succeeded | failed}. */
public enum RunStatus {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status a label names, or {@code null}. */
    @JsonCreator
    public static RunStatus parse(String label) {
        for (RunStatus status : values()) {
            if (status.label().equals(label)) {
                return status;
            }
        }
        return null;
    }

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED;
    }
}
