package io.flywheel.mlops.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flywheel.shared.problem.JsonProblems;
import io.flywheel.shared.problem.Problem.FieldError;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an Alertmanager webhook body (version 4) into the agent's alerts, checking what the agent relies on: a
 * non-empty {@code alerts} list, each with {@code labels.alertname} and a status of {@code firing} or {@code resolved}.
 * A body that is not JSON is a 400; one of the wrong shape a 422 naming each offending field.
 */
@ApplicationScoped
public class AlertmanagerReader {

    static final String SUPPORTED_VERSION = "4";
    static final int MAX_ALERTS = 1000;

    private final ObjectMapper json;

    public AlertmanagerReader(ObjectMapper json) {
        this.json = json;
    }

    public List<IncomingAlert> read(byte[] body) {
        AlertmanagerWebhook webhook;
        try {
            webhook = json.readValue(body, AlertmanagerWebhook.class);
        } catch (JsonProcessingException e) {
            throw new ProblemException(JsonProblems.from(e));
        } catch (IOException e) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "the body cannot be read: " + e.getMessage());
        }
        validate(webhook);
        List<IncomingAlert> alerts = new ArrayList<>();
        for (AlertmanagerWebhook.Alert alert : webhook.alerts()) {
            alerts.add(toIncoming(webhook, alert));
        }
        return alerts;
    }

    private static IncomingAlert toIncoming(AlertmanagerWebhook webhook, AlertmanagerWebhook.Alert alert) {
        Map<String, String> labels = merged(webhook.commonLabels(), alert.labels());
        Map<String, String> annotations = merged(webhook.commonAnnotations(), alert.annotations());
        Map<String, Object> details = new LinkedHashMap<>(labels);
        annotations.forEach(details::putIfAbsent);
        details.put("labels", labels);
        details.put("annotations", annotations);
        if (alert.startsAt() != null) {
            details.put("starts_at", alert.startsAt().toString());
        }
        if (webhook.groupKey() != null) {
            details.put("group_key", webhook.groupKey());
        }
        String subject = labels.getOrDefault("flywheel_subject", labels.get("model"));
        return new IncomingAlert(AlertIntake.ALERTMANAGER, labels.get("alertname"), alert.status(),
                labels.getOrDefault("severity", "none"), subject, annotations.get("summary"), alert.fingerprint(),
                details);
    }

    private static Map<String, String> merged(Map<String, String> common, Map<String, String> own) {
        Map<String, String> merged = new LinkedHashMap<>();
        if (common != null) {
            merged.putAll(common);
        }
        if (own != null) {
            merged.putAll(own);
        }
        return merged;
    }

    private static void validate(AlertmanagerWebhook webhook) {
        List<FieldError> errors = new ArrayList<>();
        if (webhook == null) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "a JSON object is required");
        }
        if (webhook.version() != null && !SUPPORTED_VERSION.equals(webhook.version())) {
            errors.add(new FieldError("version", "only Alertmanager webhook version 4 is understood"));
        }
        if (webhook.alerts() == null || webhook.alerts().isEmpty()) {
            errors.add(new FieldError("alerts", "must hold at least one alert"));
        } else if (webhook.alerts().size() > MAX_ALERTS) {
            errors.add(new FieldError("alerts", "at most " + MAX_ALERTS + " alerts per delivery"));
        } else {
            for (int i = 0; i < webhook.alerts().size(); i++) {
                AlertmanagerWebhook.Alert alert = webhook.alerts().get(i);
                if (alert == null) {
                    errors.add(new FieldError("alerts[" + i + "]", "must be an object"));
                    continue;
                }
                if (!IncomingAlert.FIRING.equals(alert.status()) && !IncomingAlert.RESOLVED.equals(alert.status())) {
                    errors.add(new FieldError("alerts[" + i + "].status", "must be firing or resolved"));
                }
                String name = alert.labels() == null ? null : alert.labels().get("alertname");
                if ((name == null || name.isBlank()) && (webhook.commonLabels() == null
                        || webhook.commonLabels().get("alertname") == null)) {
                    errors.add(new FieldError("alerts[" + i + "].labels.alertname", "is required"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, errors.size() + " field(s) are invalid", errors);
        }
    }
}
