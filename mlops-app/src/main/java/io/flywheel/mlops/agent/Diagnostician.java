package io.flywheel.mlops.agent;

import io.flywheel.mlops.alerts.IncomingAlert;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies an alert and scores its severity with explicit rules, so that every diagnosis can say which rule made it.
 * The category comes, in order, from a {@code flywheel_kind} label or a platform alert's kind, then from words of the
 * alert's name (Flywheel's Prometheus rules are named {@code Flywheel<What>}, see src-k8s/monitoring). The score starts
 * from the sender's severity and rises when the measured value is at least twice its threshold.
 */
public final class Diagnostician {

    static final double INFO = 0.2;
    static final double WARNING = 0.5;
    static final double CRITICAL = 0.8;
    static final double UNLABELLED = 0.4;
    static final double FAR_OVER_THRESHOLD = 0.15;
    static final double FAR_FACTOR = 2.0;
    private static final Pattern NUMBER_AFTER = Pattern.compile("(?i)(psi|value|ratio|p9[59]|error rate)[^0-9-]{0,20}"
            + "(-?[0-9]+(?:\\.[0-9]+)?)");
    private static final Pattern THRESHOLD = Pattern.compile("(?i)(threshold|target|alert)[^0-9]{0,20}"
            + "([0-9]+(?:\\.[0-9]+)?)");
    private static final List<Map.Entry<String, AlertCategory>> NAME_WORDS = List.of(
            Map.entry("drift", AlertCategory.DATA_DRIFT),
            Map.entry("validation", AlertCategory.DATA_VALIDATION),
            Map.entry("quality", AlertCategory.QUALITY_DROP),
            Map.entry("accuracy", AlertCategory.QUALITY_DROP),
            Map.entry("auc", AlertCategory.QUALITY_DROP),
            Map.entry("latency", AlertCategory.LATENCY),
            Map.entry("errorrate", AlertCategory.ERROR_RATE),
            Map.entry("5xx", AlertCategory.ERROR_RATE),
            Map.entry("errors", AlertCategory.ERROR_RATE),
            Map.entry("down", AlertCategory.RESOURCE),
            Map.entry("memory", AlertCategory.RESOURCE),
            Map.entry("cpu", AlertCategory.RESOURCE),
            Map.entry("dropping", AlertCategory.RESOURCE),
            Map.entry("budget", AlertCategory.RESOURCE),
            Map.entry("cost", AlertCategory.RESOURCE));

    private Diagnostician() {
    }

    /** The diagnosis of one alert. */
    public static Diagnosis diagnose(IncomingAlert alert) {
        Classification classification = classify(alert);
        if (!alert.firing()) {
            return new Diagnosis(classification.category(), 0, classification.rule() + "; the alert is resolved: "
                    + "nothing to remedy");
        }
        double base = base(alert.severity());
        StringBuilder reasoning = new StringBuilder(classification.rule()).append("; severity '")
                .append(alert.severity()).append("' scores ").append(base);
        double score = base;
        Double value = measured(alert);
        Double threshold = threshold(alert);
        if (value != null && threshold != null && threshold > 0 && value >= FAR_FACTOR * threshold) {
            score += FAR_OVER_THRESHOLD;
            reasoning.append(", +").append(FAR_OVER_THRESHOLD).append(" because the measured ").append(value)
                    .append(" is at least ").append(FAR_FACTOR).append("x its threshold ").append(threshold);
        } else if (value != null) {
            reasoning.append("; measured ").append(value).append(threshold == null ? "" : " against " + threshold);
        }
        return new Diagnosis(classification.category(), Math.min(1, score), reasoning.toString());
    }

    private record Classification(AlertCategory category, String rule) {
    }

    private static Classification classify(IncomingAlert alert) {
        AlertCategory declared = AlertCategory.of(alert.detail("flywheel_kind"));
        if (declared != AlertCategory.UNKNOWN) {
            return new Classification(declared, "classified " + declared.label() + " by its flywheel_kind label");
        }
        if (alert.source().startsWith("platform:")) {
            AlertCategory kind = AlertCategory.of(alert.name());
            if (kind != AlertCategory.UNKNOWN) {
                return new Classification(kind, "classified " + kind.label() + " by the platform alert's kind");
            }
        }
        String name = alert.name().toLowerCase(Locale.ROOT);
        for (Map.Entry<String, AlertCategory> word : NAME_WORDS) {
            if (name.contains(word.getKey())) {
                return new Classification(word.getValue(), "classified " + word.getValue().label() + " because its "
                        + "name '" + alert.name() + "' mentions '" + word.getKey() + "'");
            }
        }
        return new Classification(AlertCategory.UNKNOWN, "no rule classifies '" + alert.name() + "'");
    }

    private static double base(String severity) {
        return switch (severity == null ? "" : severity.toLowerCase(Locale.ROOT)) {
            case "critical", "page", "error" -> CRITICAL;
            case "warning", "warn" -> WARNING;
            case "info", "none" -> INFO;
            default -> UNLABELLED;
        };
    }

    /** The measured value: a numeric {@code value}/{@code psi} detail, else the first number named in the text. */
    private static Double measured(IncomingAlert alert) {
        for (String key : List.of("value", "psi", "measured")) {
            Double number = parse(alert.detail(key));
            if (number != null) {
                return number;
            }
        }
        return firstNumber(NUMBER_AFTER, text(alert));
    }

    private static Double threshold(IncomingAlert alert) {
        Double number = parse(alert.detail("threshold"));
        return number != null ? number : firstNumber(THRESHOLD, text(alert));
    }

    private static String text(IncomingAlert alert) {
        return (alert.summary() == null ? "" : alert.summary()) + " " + (alert.detail("description") == null ? ""
                : alert.detail("description"));
    }

    private static Double firstNumber(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? parse(matcher.group(2)) : null;
    }

    private static Double parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
