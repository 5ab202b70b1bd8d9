package io.flywheel.mlops.alerts;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An alert raised inside mlops-app (a failed validation suite, drift over its threshold, a failed rollout analysis, an
 * anomaly), fired as a CDI event with {@code Event<PlatformAlert>.fireAsync}; the remediation agent observes it like an
 * alert received from Alertmanager.
 *
 * @param source   what raised it: {@code validation}, {@code drift}, {@code rollout}, {@code anomaly}, ...
 * @param kind     what happened, in the agent's vocabulary: {@code data-drift}, {@code quality-drop}, {@code latency},
 *                 {@code error-rate}, {@code data-validation}, {@code resource}
 * @param severity {@code info}, {@code warning} or {@code critical}
 * @param model    the registered model concerned, or {@code null}
 * @param summary  one line for a person
 * @param details  the numbers behind it (rule, column, PSI, ...), JSON-serialisable
 */
public record PlatformAlert(String source, String kind, String severity, String model, String summary,
                            Map<String, Object> details) {

    public PlatformAlert {
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}
