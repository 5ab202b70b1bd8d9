package io.flywheel.mlops.registry;

import io.flywheel.mlops.access.Caller;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Objects;

/**
 * Who made a change, through what, and why: the three facts every recorded change of the registry, the deployments
 * and the jobs carries into its history and the audit log.
 *
 * @param actor   the person (their principal name) or component that acted, e.g. {@code alice}, {@code rollout}
 * @param trigger how it reached the platform, e.g. {@code api}, {@code job retrain run 5f0c…}, {@code schedule}
 * @param reason  why, in the actor's words; may be {@code null}
 */
public record Attribution(String actor, String trigger, String reason) {

    public Attribution {
        actor = actor == null || actor.isBlank() ? Caller.ANONYMOUS : actor;
        Objects.requireNonNull(trigger, "trigger");
    }

    /** A change asked for over the HTTP API. */
    public static Attribution api(String actor, String reason) {
        return new Attribution(actor, "api", reason);
    }

    /** A change asked for over the HTTP API by the caller of this request. */
    public static Attribution api(SecurityContext caller, String reason) {
        return api(Caller.of(caller), reason);
    }

    /** A change made by a platform component on its own, e.g. the rollout controller. */
    public static Attribution component(String component, String reason) {
        return new Attribution(component, component, reason);
    }

    /** The same attribution with another reason. */
    public Attribution because(String why) {
        return new Attribution(actor, trigger, why);
    }
}
