package io.flywheel.mlops.registry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle stage of a model version: {@code None → Staging → Production → Archived}, with the ways back that a
 * registry needs (un-staging, and restoring an Archived version, e.g. to roll back).
 */
public enum Stage {
    NONE("None"),
    STAGING("Staging"),
    PRODUCTION("Production"),
    ARCHIVED("Archived");

    private final String label;

    Stage(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    /** The stage a label names, in any case; {@code null} when it names none. */
    @JsonCreator
    public static Stage parse(String label) {
        for (Stage stage : values()) {
            if (stage.label.equalsIgnoreCase(label == null ? "" : label.trim())) {
                return stage;
            }
        }
        return null;
    }

    /** The stages a version in this one may move to (other rules, such as a passed evaluation, come on top). */
    public Set<Stage> next() {
        return switch (this) {
            case NONE -> EnumSet.of(STAGING, ARCHIVED);
            case STAGING -> EnumSet.of(NONE, PRODUCTION, ARCHIVED);
            case PRODUCTION -> EnumSet.of(ARCHIVED);
            case ARCHIVED -> EnumSet.of(STAGING, PRODUCTION);
        };
    }

    public boolean canMoveTo(Stage target) {
        return next().contains(target);
    }

    @Override
    public String toString() {
        return label;
    }
}
