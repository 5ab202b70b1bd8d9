package io.flywheel.mlops.alerts;

import java.util.Map;

/**
 * An alert as the remediation agent reads it, whether Alertmanager sent it or the platform raised it.
 *
 * @param source      {@code alertmanager}, or {@code platform:<drift|validation|rollout|anomaly|...>}
 * @param name        the alert's name ({@code alertname}, or the platform alert's kind)
 * @param status      {@code firing} or {@code resolved}
 * @param severity    {@code info}, {@code warning} or {@code critical} as the sender says
 * @param subject     what it is about: a model name, {@code inference-app}, an API key, ... or {@code null}
 * @param summary     one line for a person
 * @param fingerprint the sender's stable id of the alert, or {@code null}
 * @param details     labels, annotations and the numbers behind the alert
 */
public record IncomingAlert(String source, String name, String status, String severity, String subject,
                            String summary, String fingerprint, Map<String, Object> details) {

    public static final String FIRING = "firing";
    public static final String RESOLVED = "resolved";

    public IncomingAlert {
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public boolean firing() {
        return FIRING.equals(status);
    }

    /** A detail as text, or {@code null}. */
    public String detail(String key) {
        Object value = details.get(key);
        return value == null ? null : value.toString();
    }
}
