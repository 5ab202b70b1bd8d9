package io.flywheel.loadtest;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One k6 threshold, e.g. {@code http_req_duration{scenario:infer}} with {@code p(99)<5}: a metric, an optional
 * scenario tag, an aggregation, a comparison and a bound. Latencies are in milliseconds, as in k6.
 */
record Threshold(String metric, Optional<String> scenario, String aggregation, String operator, double bound,
                 String source) {

    private static final Pattern KEY = Pattern.compile("([a-z_]+)(?:\\{scenario:([\\w-]+)})?");
    private static final Pattern EXPRESSION =
            Pattern.compile("\\s*(avg|min|max|med|count|rate|p\\((\\d+(?:\\.\\d+)?)\\))\\s*(<=|>=|===|==|!=|<|>)\\s*(-?[\\d.]+)\\s*");

    static Threshold parse(String key, String expression) {
        Matcher metric = KEY.matcher(key.trim());
        if (!metric.matches()) {
            throw new IllegalArgumentException("unsupported threshold metric '" + key
                    + "' (the runner knows a metric name with an optional {scenario:name} tag)");
        }
        Matcher condition = EXPRESSION.matcher(expression);
        if (!condition.matches()) {
            throw new IllegalArgumentException("unsupported threshold expression '" + expression + "' on " + key);
        }
        Threshold threshold = new Threshold(metric.group(1), Optional.ofNullable(metric.group(2)), condition.group(1),
                condition.group(3), Double.parseDouble(condition.group(4)), key + " " + expression.trim());
        threshold.measure(Measurements.Snapshot.merge(java.util.List.of(), 1)); // rejects unknown metric/aggregation now
        return threshold;
    }

    /** The measured value this threshold compares (NaN when there is nothing to measure). */
    double measure(Measurements.Snapshot sample) {
        return switch (metric) {
            case "http_req_duration" -> switch (aggregation) {
                case "avg" -> sample.requests() == 0 ? Double.NaN : sample.latencyMicros().getMean() / 1_000;
                case "min" -> sample.requests() == 0 ? Double.NaN : sample.latencyMicros().getMinValue() / 1_000.0;
                case "max" -> sample.requests() == 0 ? Double.NaN : sample.latencyMicros().getMaxValue() / 1_000.0;
                case "med" -> sample.latencyMillis(50);
                default -> sample.latencyMillis(percentile());
            };
            case "http_req_failed" -> ratio(sample.failed(), sample.requests());
            case "checks" -> ratio(sample.checksPassed(), sample.checksPassed() + sample.checksFailed());
            case "http_reqs" -> counter(sample.requests(), sample);
            case "iterations" -> counter(sample.iterations(), sample);
            case "dropped_iterations" -> counter(sample.dropped(), sample);
            default -> throw new IllegalArgumentException("the runner does not measure '" + metric + "'");
        };
    }

    /** Whether the sample meets this threshold; a metric with no data at all does not. */
    boolean holds(Measurements.Snapshot sample) {
        double value = measure(sample);
        if (Double.isNaN(value)) {
            return metric.equals("dropped_iterations");
        }
        return switch (operator) {
            case "<" -> value < bound;
            case "<=" -> value <= bound;
            case ">" -> value > bound;
            case ">=" -> value >= bound;
            case "!=" -> value != bound;
            default -> value == bound;
        };
    }

    private double percentile() {
        if (!aggregation.startsWith("p(")) {
            throw new IllegalArgumentException(aggregation + " does not apply to " + metric);
        }
        return Double.parseDouble(aggregation.substring(2, aggregation.length() - 1));
    }

    private double ratio(long part, long whole) {
        requireAggregation("rate");
        return whole == 0 ? Double.NaN : (double) part / whole;
    }

    private double counter(long count, Measurements.Snapshot sample) {
        return switch (aggregation) {
            case "count" -> count;
            case "rate" -> count / sample.elapsedSeconds();
            default -> throw new IllegalArgumentException(aggregation + " does not apply to " + metric);
        };
    }

    private void requireAggregation(String expected) {
        if (!aggregation.equals(expected)) {
            throw new IllegalArgumentException(aggregation + " does not apply to " + metric + " (use " + expected + ")");
        }
    }

    static java.util.List<Threshold> parseAll(Map<String, java.util.List<String>> thresholds) {
        return thresholds.entrySet().stream()
                .flatMap(entry -> entry.getValue().stream().map(expression -> parse(entry.getKey(), expression)))
                .toList();
    }
}
