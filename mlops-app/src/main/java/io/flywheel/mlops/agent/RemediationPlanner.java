package io.flywheel.mlops.agent;

import io.flywheel.mlops.alerts.IncomingAlert;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The agent's playbook: which actions answer which diagnosis. Resolved and low-severity alerts are only logged; others
 * are notified, then remedied by category: drift by retraining, a quality drop by a rollback and a retrain, latency and
 * resource pressure by scaling out, an error rate by a rollback (when a model is named) or scaling out. Cost and budget
 * alerts and validation failures only notify: no automatic action fixes a runaway client or a bad upload.
 */
public final class RemediationPlanner {

    static final String INFERENCE_DEPLOYMENT = "deployment:inference-app";

    private RemediationPlanner() {
    }

    /** The proposals for one diagnosed alert, in the order they should run. */
    public static List<Proposal> plan(IncomingAlert alert, Diagnosis diagnosis, double notifyFrom) {
        if (!alert.firing() || diagnosis.severityScore() < notifyFrom) {
            return List.of(log(alert, diagnosis));
        }
        List<Proposal> proposals = new ArrayList<>();
        proposals.add(notify(alert, diagnosis));
        String model = modelOf(alert);
        switch (diagnosis.category()) {
            case DATA_DRIFT -> {
                if (model != null) {
                    proposals.add(retrain(model, "the live inputs of " + model + " drifted from its training data"));
                }
            }
            case QUALITY_DROP -> {
                if (model != null) {
                    proposals.add(rollback(model, "the quality of " + model + " dropped"));
                    proposals.add(retrain(model, "the quality of " + model + " dropped on recent data"));
                }
            }
            case ERROR_RATE -> proposals.add(model != null
                    ? rollback(model, "requests to " + model + " fail more than the target")
                    : scaleOut("inference requests fail more than the target, which overload causes most often"));
            case LATENCY -> proposals.add(scaleOut("inference latency is over its target"));
            case RESOURCE -> {
                if (!isCost(alert)) {
                    proposals.add(scaleOut("the inference pods run short of capacity ('" + alert.name() + "')"));
                }
            }
            default -> {
                // data validation and unknown alerts: people decide, the notification tells them
            }
        }
        return proposals;
    }

    private static Proposal log(IncomingAlert alert, Diagnosis diagnosis) {
        return new Proposal(ActionType.LOG, "alert:" + alert.name(), Map.of(), (alert.firing()
                ? "severity " + diagnosis.severityScore() + " is under the notification threshold"
                : "the alert is resolved") + ": recording it is enough",
                "none: the alert stays on record in the audit log");
    }

    private static Proposal notify(IncomingAlert alert, Diagnosis diagnosis) {
        return new Proposal(ActionType.NOTIFY, "channels", Map.of("subject", subject(alert, diagnosis),
                "severity", alert.severity() == null ? "warning" : alert.severity()),
                "people must know about a " + diagnosis.category().label() + " alert of severity "
                        + diagnosis.severityScore() + ": " + (alert.summary() == null ? alert.name() : alert.summary()),
                "the configured channels (webhook, e-mail, Slack) receive the diagnosis and the proposed actions");
    }

    private static Proposal retrain(String model, String why) {
        return new Proposal(ActionType.RETRAIN, "model:" + model, Map.of("model", model),
                why + "; a model trained on the newest valid snapshot learns the current distribution",
                "a new Staging version of " + model + "; after evaluation and rollout the live PSI should fall under "
                        + "0.1 and the held-out AUC recover to the Production level");
    }

    private static Proposal rollback(String model, String why) {
        return new Proposal(ActionType.ROLLBACK, "model:" + model, Map.of("model", model),
                why + "; the previous Production version served without this problem",
                "traffic returns to the previous Production version of " + model + " at once; error rate and quality "
                        + "should return to their level before the last rollout");
    }

    private static Proposal scaleOut(String why) {
        return new Proposal(ActionType.SCALE_OUT, INFERENCE_DEPLOYMENT, Map.of(),
                why + "; more replicas share the load",
                "one more inference replica; p95 latency and 5xx ratio should fall within two scrape intervals");
    }

    private static String subject(IncomingAlert alert, Diagnosis diagnosis) {
        return "[" + alert.severity() + "] " + diagnosis.category().label() + ": "
                + (alert.summary() == null ? alert.name() : alert.summary());
    }

    /** The model an alert is about, when its subject or labels name one (not an app or an API key). */
    static String modelOf(IncomingAlert alert) {
        String model = alert.detail("model");
        if (model != null && !model.isBlank()) {
            return model;
        }
        String subject = alert.subject();
        if (subject == null || subject.isBlank() || subject.endsWith("-app") || subject.equals("assistant")
                || subject.startsWith("fw_") || isCost(alert)) {
            return null;
        }
        return subject;
    }

    private static boolean isCost(IncomingAlert alert) {
        String name = alert.name().toLowerCase(Locale.ROOT);
        return name.contains("budget") || name.contains("cost");
    }
}
