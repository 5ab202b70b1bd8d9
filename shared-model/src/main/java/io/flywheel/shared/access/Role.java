package io.flywheel.shared.access;

import java.util.Locale;

/** What an API key may do, each role including the ones before it. */
public enum Role {
    /** Reads: predictions, answers, the registry. */
    VIEWER,
    /** Runs the platform: jobs, deployments, configuration. */
    OPERATOR,
    /** Approves what the remediation agent or a rollout asks for. */
    APPROVER,
    /** Everything, including keys and re-personalising pseudonymised answers. */
    ADMIN;

    public boolean includes(Role other) {
        return ordinal() >= other.ordinal();
    }

    /** The role of a name in any case; {@code null} when there is none. */
    public static Role parse(String name) {
        if (name == null) {
            return null;
        }
        for (Role role : values()) {
            if (role.name().equals(name.trim().toUpperCase(Locale.ROOT))) {
                return role;
            }
        }
        return null;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
