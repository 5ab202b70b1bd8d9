package io.flywheel.mlops.agent;

import io.flywheel.mlops.notify.Notification;
import io.flywheel.mlops.notify.Notifier;
import io.flywheel.mlops.notify.NotifySettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/** Tells people about an alert through every configured channel; fails only when every channel failed. */
@ApplicationScoped
public class NotifyExecutor implements ActionExecutor {

    private final Notifier notifier;
    private final NotifySettings settings;

    public NotifyExecutor(Notifier notifier, NotifySettings settings) {
        this.notifier = notifier;
        this.settings = settings;
    }

    @Override
    public ActionType type() {
        return ActionType.NOTIFY;
    }

    @Override
    public ExecutionResult execute(ActionRequest request) {
        String subject = request.parameter("subject") == null ? "alert " + request.alertId() : request.parameter("subject");
        Map<String, String> links = new LinkedHashMap<>();
        links.put("action", request.actionId().toString());
        if (request.alertId() != null) {
            links.put("alert", request.alertId().toString());
        }
        String severity = request.parameter("severity") == null ? "warning" : request.parameter("severity");
        Map<String, String> delivered = notifier.send(new Notification(subject, request.reasoning(), severity, links))
                .await().atMost(settings.timeout().multipliedBy(2));
        if (delivered.isEmpty()) {
            return ExecutionResult.unavailable("no notification channel is configured; the alert is only in the audit "
                    + "log");
        }
        Map<String, Object> after = new LinkedHashMap<>(delivered);
        boolean any = delivered.values().stream().anyMatch(Notifier.DELIVERED::equals);
        return any ? ExecutionResult.succeeded("notified through " + delivered.keySet(), Map.of(), after)
                : new ExecutionResult(ActionStatus.FAILED, "every channel failed: " + delivered, Map.of(), after);
    }
}
