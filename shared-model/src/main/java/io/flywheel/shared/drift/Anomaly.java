package io.flywheel.shared.drift;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The z-score verdict on the newest value of a series.
 *
 * @param metric         what the series measures, e.g. {@code latency_p95_ms}
 * @param value          the newest value
 * @param baselinePoints baseline values it was judged against
 * @param mean           of the baseline; {@code null} when too few points
 * @param sd             sample standard deviation of the baseline; {@code null} likewise
 * @param z              {@code (value − mean) / sd}; {@code null} when not computable (too few points, no spread)
 * @param severity       none, medium or high
 */
public record Anomaly(String metric, double value, @JsonProperty("baseline_points") int baselinePoints, Double mean,
                      Double sd, Double z, Severity severity) {

    /** How unusual the value is. */
    public enum Severity {
        NONE, MEDIUM, HIGH;

        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
